import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadCore, generated } from './load-core.js';

const core = await loadCore();
const pkg = JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))']).toString());

test('info() reports the package version and SIMD', () => {
  const info = core.info();
  assert.equal(info.version, pkg.version);
  assert.equal(info.simd, true);
});

test('the module contains v128 instructions', () => {
  const wasm = fileURLToPath(new URL('core.wasm', generated));
  const text = execFileSync('wasm-dis', ['--enable-simd', '--enable-exception-handling', wasm], {
    maxBuffer: 1 << 28,
  }).toString();
  const v128 = text.match(/\bv128\b|f32x4/g) ?? [];
  assert.ok(v128.length > 10, `expected SIMD instructions, found ${v128.length}`);
});

test('the SIMD dot product runs and sums in the defined order', () => {
  const a = Float32Array.from({ length: 1003 }, (_, i) => (i % 7) * 0.25);
  const b = Float32Array.from({ length: 1003 }, (_, i) => (i % 5) - 1.5);
  const s = new Float32Array(4);
  for (let i = 0; i < 1000; i++) s[i % 4] = Math.fround(s[i % 4] + Math.fround(a[i] * b[i]));
  for (let i = 1000; i < 1003; i++) s[i - 1000] = Math.fround(s[i - 1000] + Math.fround(a[i] * b[i]));
  const expected = Math.fround(Math.fround(s[0] + s[1]) + Math.fround(s[2] + s[3]));
  assert.equal(core.simdDot(a, b), expected);
});

test('a C++ exception reaches JavaScript as an Error with its message', () => {
  assert.throws(() => core.simdDot(new Float32Array(3), new Float32Array(4)), {
    message: 'dot: vectors differ in length',
  });
});
