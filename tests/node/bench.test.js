// The module's benchmark(workload, repetitions): the figures npm run bench reads in Node and in the
// browser's worker, with the same fields and errors as `descent bench`.
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from './load-core.js';

const core = await loadCore();

test('benchmark returns median, min and max in the workload unit', () => {
  for (const [id, unit] of [['W4', 'us_per_1000_updates'], ['peak', 'gflop_s']]) {
    const r = core.benchmark(id, 3);
    assert.equal(r.workload, id);
    assert.equal(r.unit, unit);
    assert.equal(r.repetitions, 3);
    assert.ok(r.min > 0 && r.min <= r.median && r.median <= r.max, JSON.stringify(r));
  }
});

test('benchmark refuses unknown workloads and repetition counts with the CLI messages', () => {
  assert.throws(() => core.benchmark('W9', 1), { message: "bench: unknown workload 'W9' (expected W1, W2, W3, W4 or peak)" });
  assert.throws(() => core.benchmark('W1', 0), { message: 'bench: repetitions must be from 1 to 1000, got 0' });
  assert.throws(() => core.benchmark('W1', 2.5), { message: 'bench: repetitions must be from 1 to 1000, got 2.5' });
  assert.throws(() => core.benchmark('W1', NaN), { message: 'bench: repetitions must be from 1 to 1000, got NaN' });
});
