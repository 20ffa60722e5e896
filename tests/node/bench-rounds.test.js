// npm run bench measures every engine in rounds, the engines taking turns, and reports the median round
// with the extremes over all rounds (tests/bench/measure.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { inRounds, mergeRounds } from '../bench/measure.js';

const result = (engine, workload, median, min, max) => ({ engine, workload, median, min, max, unit: 'samples_per_s', repetitions: 5 });

test('the merged figure is the median round, with the extremes of all rounds', () => {
  const merged = mergeRounds([result('a', 'W2', 10, 9, 11), result('a', 'W2', 7, 3, 8), result('a', 'W2', 12, 11, 20)]);
  assert.deepEqual(
    { median: merged.median, min: merged.min, max: merged.max, rounds: merged.rounds, repetitions: merged.repetitions },
    { median: 10, min: 3, max: 20, rounds: 3, repetitions: 15 },
  );
  assert.equal(merged.engine, 'a');
});

test('engines take turns, skipped pairs are never run, a slow measurement is not repeated', async () => {
  const calls = [];
  const run = async (engine, id) => {
    calls.push(`${engine} ${id}`);
    if (engine === 'slow') await new Promise((r) => setTimeout(r, 30));
    return result(engine, id, calls.length, calls.length, calls.length);
  };
  const merged = await inRounds(['d', 'slow', 't'], ['W1', 'peak'], run, (engine, id) => id === 'peak' && engine !== 'd', { count: 2, slow: 20 });
  assert.deepEqual(calls, ['d W1', 'd peak', 'slow W1', 't W1', 'd W1', 'd peak', 't W1']);
  assert.deepEqual(merged.map((r) => `${r.engine} ${r.workload} ${r.rounds}`), ['d W1 2', 'd peak 2', 'slow W1 1', 't W1 2']);
});
