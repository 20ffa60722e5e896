// The native CLI picks its widest vector kernels at run time (AVX-512 on CPUs that have it); a net
// wide enough for the packed matrix product (Wᵀ·dZ and dZ·Hᵀ included) and Adam's vector loop must
// still follow the WebAssembly curve bit for bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from './load-core.js';

const core = await loadCore();
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = [process.env.DESCENT_CLI, join(root, 'build/descent')].find((p) => p && existsSync(p));

// 96 and 67 hidden units: row tails for 16- and 32-row tiles; batch 61: column tails.
const wide = {
  data: { source: 'spiral', n: 400, noise: 0.1, seed: 5 },
  model: { hidden: [{ units: 96, activation: 'relu' }, { units: 67, activation: 'tanh' }], init_seed: 6 },
  optimizer: { name: 'adam', lr: 0.003 },
  batch_size: 61,
  steps: 300,
  seed: 7,
};

test('a wide net trains to the same bits natively and in WebAssembly', { skip: !cli && 'no native build/descent' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'descent-wide-'));
  try {
    const specPath = join(dir, 'spec.json');
    writeFileSync(specPath, JSON.stringify(wide));
    const lines = execFileSync(cli, ['train', specPath], { maxBuffer: 1 << 26 }).toString().trim().split('\n');
    const native = lines.map((l) => JSON.parse(l)).filter((r) => r.type === 'step').map((r) => r.loss);
    const t = new core.Trainer(JSON.stringify(wide), '');
    t.step(wide.steps);
    const wasm = t.chunkLosses().slice();
    t.delete();
    assert.equal(native.length, wide.steps);
    assert.equal(wasm.length, wide.steps);
    for (let i = 0; i < wide.steps; i++) assert.equal(wasm[i], Math.fround(native[i]), `step ${i}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
