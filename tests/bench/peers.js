// The peers descent is measured against, each at its best: TF.js 4.22 with a manual
// optimizer.minimize loop (2–3× faster than model.fit on small nets) on its WASM SIMD or CPU backend,
// and ConvNetJS 0.3's own Trainer. Every engine exposes setup(id) → { epoch(), samplesPerEpoch, backend };
// TF.js's also setup.activate(), which makes its backend TF.js's current one again (the benchmark takes
// turns between engines).
import { workloads, makeData } from './workloads.js';

// `tf` is TF.js with gradients registered: in Node the union package '@tensorflow/tfjs'; in the
// browser tfjs-core + its register_all_gradients (one bundled copy of tfjs-core for every backend).
// `wasm` is '@tensorflow/tfjs-backend-wasm', imported by the caller next to `tf` so both share one
// tfjs-core, with its .wasm paths already set where the environment needs them.
export async function tfjs(tf, backendName, wasm) {
  if (backendName === 'wasm') wasm.setThreadsCount?.(1);
  const ok = await tf.setBackend(backendName);
  if (!ok) throw new Error(`TF.js backend ${backendName} unavailable`);
  await tf.ready();
  const simd = backendName === 'wasm' ? await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') : false;
  const backend = `tfjs-${tf.getBackend()}${simd ? '-simd' : ''}`;

  const setup = (id) => {
    const w = workloads[id];
    const { x, y, features, classes } = makeData(id);
    const params = [];
    for (let i = 1; i < w.layers.length; i++) {
      const fanIn = w.layers[i - 1];
      params.push(tf.variable(tf.randomUniform([fanIn, w.layers[i]], -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn), 'float32', 1)));
      params.push(tf.variable(tf.zeros([w.layers[i]])));
    }
    const opt = w.optimizer.name === 'adam' ? tf.train.adam(w.optimizer.lr) : tf.train.sgd(w.optimizer.lr);
    const act = { tanh: tf.tanh, relu: tf.relu, linear: (t) => t }[w.activation];
    const batches = [];
    for (let r = 0; r < w.rows; r += w.batch) {
      const n = Math.min(w.batch, w.rows - r);
      const xb = tf.tensor2d(x.subarray(r * features, (r + n) * features), [n, features]);
      const yb = w.loss === 'cross_entropy'
        ? tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(y.subarray(r, r + n), 'int32'), classes), 'float32'))
        : tf.tensor2d(y.subarray(r, r + n), [n, 1]);
      batches.push([xb, yb]);
    }
    const forward = (xb) => {
      let h = xb;
      for (let l = 0; l < params.length; l += 2) {
        h = tf.add(tf.matMul(h, params[l]), params[l + 1]);
        if (l + 2 < params.length) h = act(h);
      }
      return h;
    };
    const lossFn = {
      bce_logits: (out, yb) => tf.losses.sigmoidCrossEntropy(yb, out),
      mse: (out, yb) => tf.losses.meanSquaredError(yb, out),
      cross_entropy: (out, yb) => tf.losses.softmaxCrossEntropy(yb, out),
    }[w.loss];
    const updates = w.updates ?? batches.length;
    return {
      backend,
      samplesPerEpoch: w.updates ? w.updates * w.rows : w.rows,
      epoch() {
        let last;
        for (let s = 0; s < updates; s++) {
          const [xb, yb] = batches[s % batches.length];
          last?.dispose();
          last = opt.minimize(() => lossFn(forward(xb), yb), true, params);
        }
        last.dataSync(); // wait for the backend to finish the epoch
        last.dispose();
      },
      dispose() {
        batches.flat().forEach((t) => t.dispose());
        params.forEach((p) => p.dispose());
        opt.dispose();
      },
    };
  };
  setup.activate = async () => {
    if (!(await tf.setBackend(backendName))) throw new Error(`TF.js backend ${backendName} unavailable`);
  };
  return setup;
}

export async function convnet() {
  const mod = await import('convnetjs');
  const convnetjs = mod.default ?? mod;
  return (id) => {
    const w = workloads[id];
    const { x, y, features, classes } = makeData(id);
    const defs = [{ type: 'input', out_sx: 1, out_sy: 1, out_depth: features }];
    for (let i = 1; i < w.layers.length - 1; i++) defs.push({ type: 'fc', num_neurons: w.layers[i], activation: w.activation });
    // ConvNetJS has no BCE-with-logits: a 2-class softmax is its equivalent for W1.
    if (classes) defs.push({ type: 'softmax', num_classes: classes });
    else defs.push({ type: 'regression', num_neurons: 1 });
    const net = new convnetjs.Net();
    net.makeLayers(defs);
    const trainer = new convnetjs.Trainer(net, {
      method: w.optimizer.name === 'adam' ? 'adam' : 'sgd',
      learning_rate: w.optimizer.lr,
      batch_size: w.batch,
      momentum: 0,
      l2_decay: 0,
    });
    const vols = [];
    for (let r = 0; r < w.rows; r++) {
      const v = new convnetjs.Vol(1, 1, features, 0);
      for (let c = 0; c < features; c++) v.w[c] = x[r * features + c];
      vols.push(v);
    }
    const updates = w.updates ?? 1;
    return {
      backend: 'convnetjs-js',
      samplesPerEpoch: w.updates ? w.updates * w.rows : w.rows,
      epoch() {
        for (let u = 0; u < updates; u++)
          for (let r = 0; r < w.rows; r++) trainer.train(vols[r], classes ? y[r] : [y[r]]);
      },
      dispose() {},
    };
  };
}
