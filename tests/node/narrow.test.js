// Networks at most 8 units wide train through the fused nn::NarrowMlp passes: the WebAssembly build
// must follow the native CLI's curve bit for bit there too (every loss and gradient norm). Activations
// without libm calls only (sigmoid, elu, ... call exp, whose last bit glibc and musl may round apart).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from './load-core.js';
import { cli, trainBoth } from './native-vs-wasm.js';

const core = await loadCore();

const specs = {
  'W1 shape (2-8-8-1 tanh, BCE on logits, SGD, batch 10)': {
    data: { source: 'spiral', n: 300, seed: 5 },
    model: { hidden: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }], init_seed: 1 },
    loss: 'bce_logits',
    optimizer: { name: 'sgd', lr: 0.03 },
    batch_size: 10,
    steps: 1000,
  },
  'padded widths, relu/tanh/linear, Adam, penalties, ragged batches': {
    data: { source: 'xor', seed: 3 },
    features: ['linear', 'square', 'product'],
    model: {
      hidden: [{ units: 5, activation: 'relu' }, { units: 3, activation: 'tanh' }, { units: 7, activation: 'linear' }],
      init_seed: 2,
    },
    optimizer: { name: 'adam', lr: 0.01 },
    regularization: { l1: 0.0001, l2: 0.001 },
    batch_size: 13,
    steps: 1000,
  },
};

for (const [name, spec] of Object.entries(specs)) {
  test(`native CLI and WebAssembly agree bit for bit on a narrow net: ${name}`, { skip: !cli && 'no native build/descent' }, () => {
    const { native, wasm } = trainBoth(core, spec, 1000);
    assert.equal(native.length, 1000);
    assert.equal(wasm.losses.length, 1000);
    for (let i = 0; i < 1000; i++) {
      assert.equal(wasm.losses[i], Math.fround(native[i].loss), `loss at step ${i}`);
      assert.equal(wasm.gradNorms[i], Math.fround(native[i].grad_norm), `grad norm at step ${i}`);
    }
  });
}
