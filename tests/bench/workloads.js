// The fixed benchmark workloads (docs/performance.md, copied from WORKLOADS.md). Data is synthetic
// and seeded; only shapes and the operation mix matter for speed.
export const workloads = {
  W1: { layers: [2, 8, 8, 1], activation: 'tanh', loss: 'bce_logits', rows: 500, batch: 10, optimizer: { name: 'sgd', lr: 0.03 } },
  W2: { layers: [16, 64, 64, 1], activation: 'relu', loss: 'mse', rows: 10000, batch: 64, optimizer: { name: 'adam', lr: 1e-3 } },
  W3: { layers: [784, 256, 10], activation: 'relu', loss: 'cross_entropy', rows: 6000, batch: 128, optimizer: { name: 'adam', lr: 1e-3 } },
  W4: { layers: [1, 1], activation: 'linear', loss: 'mse', rows: 5, batch: 5, optimizer: { name: 'sgd', lr: 0.01 }, updates: 1000 },
};

// FLOPs per sample of forward + backward (3 × 2 × weights), for the nominal GFLOP/s figure.
export function flopsPerSample(w) {
  let weights = 0;
  for (let i = 1; i < w.layers.length; i++) weights += w.layers[i - 1] * w.layers[i];
  return 6 * weights;
}

// FLOPs per sample descent actually does: forward and weight gradients of every layer, input
// gradients of every layer but the first (nothing needs dLoss/dX), two per multiply-add.
export function realFlopsPerSample(w) {
  let flops = 0;
  for (let i = 1; i < w.layers.length; i++) flops += (i > 1 ? 6 : 4) * w.layers[i - 1] * w.layers[i];
  return flops;
}

function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

// x: rows × features (row-major Float32Array); y: rows (class id or target value).
export function makeData(id) {
  const w = workloads[id];
  if (id === 'W4') return { x: Float32Array.from([1, 2, 3, 4, 5]), y: Float32Array.from([2, 3, 5, 7, 11]), features: 1, classes: 0 };
  const features = w.layers[0];
  const classes = w.loss === 'cross_entropy' ? w.layers.at(-1) : w.loss === 'bce_logits' ? 2 : 0;
  const rand = lcg(42);
  const x = new Float32Array(w.rows * features);
  const y = new Float32Array(w.rows);
  for (let r = 0; r < w.rows; r++) {
    let s = 0;
    for (let c = 0; c < features; c++) {
      const v = rand() * 2 - 1;
      x[r * features + c] = v;
      s += v * ((c % 3) - 1);
    }
    y[r] = classes ? Math.floor(rand() * classes) : s + 0.1 * (rand() - 0.5);
    if (classes === 2) y[r] = x[r * features] * x[r * features + 1] > 0 ? 1 : 0;
  }
  return { x, y, features, classes };
}
