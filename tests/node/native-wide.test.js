// The native CLI picks its widest vector kernels at run time (AVX-512 or AVX2 on CPUs that have them);
// a net wide enough for the packed matrix product (Wᵀ·dZ and dZ·Hᵀ included) and Adam's vector loop
// must still follow the WebAssembly curve bit for bit at every level. DESCENT_SIMD forces a level; one
// the CPU lacks falls back to the widest it has, so each run still compares a real native path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from './load-core.js';
import { cli, trainBoth } from './native-vs-wasm.js';

const core = await loadCore();

// 96 and 67 hidden units: row tails for 8-, 16- and 32-row tiles; batch 61: column tails.
const wide = {
  data: { source: 'spiral', n: 400, noise: 0.1, seed: 5 },
  model: { hidden: [{ units: 96, activation: 'relu' }, { units: 67, activation: 'tanh' }], init_seed: 6 },
  optimizer: { name: 'adam', lr: 0.003 },
  batch_size: 61,
  steps: 300,
  seed: 7,
};

// Two ReLU layers under the single output: the gradient below the second is a masked outer product
// (kernels/masked_outer_product), 40 rows (a 32-row pass and tails) over 67 units (list tails).
const reluOut = { ...wide, model: { hidden: [{ units: 40, activation: 'relu' }, { units: 67, activation: 'relu' }], init_seed: 8 } };

for (const level of ['portable', 'avx2', 'avx512'])
  for (const [name, spec] of [['a wide net', wide], ['a net with ReLU layers under its output', reluOut]]) {
  test(`${name} trains to the same bits natively (${level}) and in WebAssembly`, { skip: !cli && 'no native build/descent' }, () => {
    const saved = process.env.DESCENT_SIMD;
    process.env.DESCENT_SIMD = level;
    try {
      const { native, wasm } = trainBoth(core, spec, spec.steps);
      assert.equal(native.length, spec.steps);
      assert.equal(wasm.losses.length, spec.steps);
      for (let i = 0; i < spec.steps; i++) assert.equal(wasm.losses[i], Math.fround(native[i].loss), `step ${i}`);
    } finally {
      if (saved === undefined) delete process.env.DESCENT_SIMD;
      else process.env.DESCENT_SIMD = saved;
    }
  });
}
