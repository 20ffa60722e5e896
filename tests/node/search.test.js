// Calls every bind_search.cpp binding and checks them against the native CLI: the same plan lines
// as `descent sweep --plan`, the same result numbers as `descent sweep`, the same LR curve as
// `descent lr-find --json`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from './load-core.js';

const core = await loadCore();
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = [process.env.DESCENT_CLI, join(root, 'build/descent')].find((p) => p && existsSync(p));

const spiral = {
  data: { source: 'spiral', n: 120, seed: 3 },
  model: { hidden: [{ units: 8, activation: 'tanh' }], init_seed: 2 },
  optimizer: { name: 'adam', lr: 0.01 },
  batch_size: 16,
  epochs: 4,
  seed: 5,
};
const search = { params: { lr: { min: 1e-3, max: 1e-1, count: 3, scale: 'log' }, batch_size: [8, 32] } };
const iris = { data: { source: 'iris' }, model: { hidden: [] }, optimizer: { name: 'sgd', momentum: 0.9 }, batch_size: 16, steps: 10 };
const irisCsv = new Uint8Array(readFileSync(join(root, 'web/public/datasets/iris.csv')));

// Runs the native CLI with the spec in a scratch file.
function native(args, spec) {
  const dir = mkdtempSync(join(tmpdir(), 'descent-search-'));
  try {
    const path = join(dir, 'spec.json');
    writeFileSync(path, JSON.stringify(spec));
    return execFileSync(cli, [args[0], path, ...args.slice(1)], { maxBuffer: 1 << 26 }).toString().trim().split('\n').map((l) => JSON.parse(l));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function close(a, b, what) {
  if (a === null || b === null) return assert.equal(a, b, what);
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: wasm ${a}, native ${b}`);
}

test('expandSearch gives the grid in order with normalised specs, and errors that name the field', () => {
  const plan = JSON.parse(core.expandSearch(JSON.stringify(spiral), JSON.stringify(search)));
  assert.equal(plan.length, 6);
  assert.deepEqual(plan.map((l) => l.index), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(Object.keys(plan[0].config), ['lr', 'batch_size']);
  assert.deepEqual(plan.map((l) => l.config.batch_size), [8, 32, 8, 32, 8, 32]);
  assert.equal(plan[2].config.lr, 0.01);
  assert.equal(plan[2].spec.optimizer.lr, 0.01);
  assert.equal(plan[0].spec.search, undefined);
  const random = { method: 'random', runs: 4, seed: 9, params: { lr: { min: 1e-4, max: 1, scale: 'log' } } };
  assert.equal(core.expandSearch(JSON.stringify(spiral), JSON.stringify(random)), core.expandSearch(JSON.stringify(spiral), JSON.stringify(random)));
  assert.throws(() => core.expandSearch(JSON.stringify(spiral), '{"params": {"lrr": [1]}}'), {
    name: 'Error',
    message: /^search\.params\.lrr: unknown dimension; did you mean "lr"\?/,
  });
  assert.throws(() => core.expandSearch(JSON.stringify(spiral), '{"params": {"lr": [-1]}}'), /^Error: search\.params\.lr: -1 does not fit this spec: optimizer\.lr/);
  assert.throws(() => core.expandSearch('{', JSON.stringify(search)), /spec: malformed JSON/);
});

test('SweepRun steps in chunks to the end and reports the result fields', () => {
  const plan = JSON.parse(core.expandSearch(JSON.stringify(spiral), JSON.stringify(search)));
  const run = new core.SweepRun(JSON.stringify(plan[3].spec), '');
  assert.equal(run.progress(), 0);
  let chunks = 0;
  while (!run.step(5)) {
    chunks++;
    assert.ok(run.progress() > 0 && run.progress() < 1);
  }
  assert.ok(chunks > 1);
  assert.equal(run.progress(), 1);
  const r = JSON.parse(run.resultJson());
  run.delete();
  assert.deepEqual(Object.keys(r), ['train_loss', 'test_loss', 'train_accuracy', 'test_accuracy', 'diverged', 'diverged_at', 'steps', 'stop', 'seconds']);
  assert.equal(r.stop, 'max_epochs');
  assert.equal(r.diverged, false);
  const again = new core.SweepRun(JSON.stringify(plan[0].spec), '');
  for (const bad of [-1, 0.5, NaN, 1e300]) assert.throws(() => again.step(bad), /^Error: step\(n\): n must be a whole number from 0 to/);
  again.delete();
  assert.throws(() => new core.SweepRun('{"data": {"source": "nope"}}', ''), /^Error: data\.source: unknown source 'nope'/);
});

test('LrFinder grows the lr exponentially, takes CSV bytes, and suggests an lr', () => {
  const f = new core.LrFinder(JSON.stringify(iris), irisCsv, JSON.stringify({ min_lr: 1e-5, max_lr: 10, steps: 30 }));
  let calls = 0;
  while (!f.step(7)) calls++;
  const r = JSON.parse(f.resultJson());
  f.delete();
  assert.ok(calls >= 1);
  assert.equal(r.lrs[0], 1e-5);
  assert.ok(r.lrs.length <= 30 && r.lrs.length === r.smoothed.length && r.lrs.length === r.losses.length);
  assert.equal(r.smoothed[0], r.losses[0]);
  assert.equal(typeof r.suggestion.min_over_10, 'number');
  assert.throws(() => new core.LrFinder(JSON.stringify(iris), irisCsv, '{"smoothing": 1}'), /^Error: lr_finder\.smoothing: expected a number from 0 to below 1, got 1/);
});

test('native CLI and WebAssembly agree on a sweep and an LR range test', { skip: !cli && 'no native build/descent' }, () => {
  const plan = native(['sweep', '--grid', 'lr=1e-3:1e-1:log:3', '--grid', 'batch_size=8,32', '--plan'], spiral);
  const lines = native(['sweep', '--grid', 'lr=1e-3:1e-1:log:3', '--grid', 'batch_size=8,32', '--jobs', '2'], spiral);
  assert.deepEqual(JSON.parse(core.expandSearch(JSON.stringify(spiral), JSON.stringify(search))), plan);
  for (const line of lines) {
    const run = new core.SweepRun(JSON.stringify(line.spec), '');
    while (!run.step(1000));
    const r = JSON.parse(run.resultJson());
    run.delete();
    for (const key of ['train_loss', 'test_loss', 'train_accuracy', 'test_accuracy']) close(r[key], line[key], `run ${line.index} ${key}`);
    for (const key of ['steps', 'stop', 'diverged', 'diverged_at']) assert.equal(r[key], line[key], `run ${line.index} ${key}`);
  }
  const [curve] = native(['lr-find', '--steps', '40', '--json'], spiral);
  const f = new core.LrFinder(JSON.stringify(spiral), '', '{"steps": 40}');
  while (!f.step(40));
  const r = JSON.parse(f.resultJson());
  f.delete();
  assert.equal(r.lrs.length, curve.lrs.length);
  assert.equal(r.stopped_early, curve.stopped_early);
  r.lrs.forEach((lr, k) => assert.equal(lr, curve.lrs[k]));
  r.smoothed.forEach((s, k) => close(s, curve.smoothed[k], `smoothed[${k}]`));
  for (const key of ['steepest', 'min_over_10', 'min_loss_lr']) close(r.suggestion[key], curve.suggestion[key], key);
});
