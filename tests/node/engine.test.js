// Calls every bind_engine.cpp binding on the WebAssembly build (Embind type errors only show up
// at call time) and checks the numbers against the golden files.
// DESCENT_WASM_DIR may point at another build's output directory (default: web/src/generated).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadCore } from './load-core.js';

const core = await loadCore();
const golden = async (name) =>
  JSON.parse(await readFile(new URL(`../data/golden/${name}`, import.meta.url), 'utf8'));
const optimizers = await golden('optimizers.json');
const schedules = await golden('schedules.json');

function assertClose(actual, expected, { rtol, atol }, what) {
  assert.ok(Number.isFinite(actual) && Math.abs(actual - expected) <= atol + rtol * Math.abs(expected),
    `${what}: ${actual} vs ${expected}`);
}

test('catalogs are JSON with every optimizer, schedule and function', () => {
  const opt = JSON.parse(core.optimizerCatalog());
  assert.deepEqual(opt.map((o) => o.name),
    ['sgd', 'adagrad', 'rmsprop', 'adadelta', 'adam', 'adamw', 'adamax', 'nadam', 'radam', 'lion']);
  assert.ok(opt.every((o) => o.update.includes('\\theta_t') && o.params.length > 0));
  const sched = JSON.parse(core.scheduleCatalog());
  assert.equal(sched.length, 12);
  assert.ok(sched.find((s) => s.name === 'reduce_on_plateau').needs_metric);
  const fns = JSON.parse(core.functionCatalog());
  assert.equal(fns.length, 10);
  assert.deepEqual(fns.find((f) => f.name === 'booth').minima, [{ x: 1, y: 3, value: 0, global: true }]);
});

test('resolveOptimizer fills defaults and reports the bad field', () => {
  assert.deepEqual(JSON.parse(core.resolveOptimizer('{"name": "adamw"}')),
    { lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0.01, amsgrad: false, maximize: false });
  assert.throws(() => core.resolveOptimizer('{"name": "adam", "betas": [0.9, 1.5]}'),
    { message: 'optimizer.betas[1]: must be in [0, 1), got 1.5' });
  assert.throws(() => core.resolveOptimizer('{"name": '), /optimizer: malformed JSON/);
});

test('schedulePreview matches the golden schedules', () => {
  for (const c of schedules.cases.filter((c) => c.schedule.name !== 'reduce_on_plateau')) {
    const lrs = core.schedulePreview(JSON.stringify(c.schedule), c.base_lr, c.steps);
    assert.ok(lrs instanceof Float64Array);
    assert.equal(lrs.length, c.lrs.length);
    c.lrs.forEach((e, k) => assertClose(lrs[k], e, c.tolerance, `${c.name} lrs[${k}]`));
  }
  assert.throws(() => core.schedulePreview('{"name": "reduce_on_plateau"}', 0.1, 5), /reduce_on_plateau/);
  assert.throws(() => core.schedulePreview('{"name": "step", "gamma": "x"}', 0.1, 5),
    { message: 'schedule.gamma: expected a number, got string "x"' });
});

test('functionGrid samples the plotting range row by row', () => {
  const fns = JSON.parse(core.functionCatalog());
  const q = fns.find((f) => f.name === 'quadratic');
  const grid = core.functionGrid('quadratic', 3, 2);
  assert.equal(grid.length, 6);
  const [x0, x1] = q.range.x;
  const [y0, y1] = q.range.y;
  const f = (x, y) => 0.5 * (x * x + 10 * y * y);
  assert.deepEqual(Array.from(grid),
    [f(x0, y0), f((x0 + x1) / 2, y0), f(x1, y0), f(x0, y1), f((x0 + x1) / 2, y1), f(x1, y1)]);
  assert.throws(() => core.functionGrid('sphere', 3, 3), /unknown test function "sphere"/);
});

test('Race2D reproduces golden trajectories and exposes the optimizer state', () => {
  const cases = ['sgd_plain_quadratic', 'sgd_momentum_steplr_booth', 'adam_amsgrad_rosenbrock']
    .map((n) => optimizers.cases.find((c) => c.name === n));
  const x0 = cases[0].x0;
  const race = new core.Race2D(JSON.stringify({
    function: 'quadratic',
    x0,
    runs: [{ optimizer: cases[0].optimizer, schedule: null }, { optimizer: { name: 'adam', lr: 0.1, amsgrad: true } }],
  }));
  try {
    assert.equal(race.runCount(), 2);
    // In chunks, as the worker animates it.
    assert.equal(race.step(40), 40);
    assert.equal(race.step(cases[0].steps - 40), cases[0].steps);
    assert.equal(race.stepsDone(0), cases[0].steps);
    assert.equal(race.divergedStep(0), -1);
    assert.equal(race.lr(0), cases[0].optimizer.lr);
    const traj = race.trajectory(0).slice();
    const losses = race.losses(0).slice();
    assert.equal(traj.length, 2 * cases[0].trajectory.length);
    cases[0].trajectory.forEach(([x, y], k) => {
      assertClose(traj[2 * k], x, cases[0].tolerance, `trajectory[${k}][0]`);
      assertClose(traj[2 * k + 1], y, cases[0].tolerance, `trajectory[${k}][1]`);
      assertClose(losses[k], cases[0].losses[k], cases[0].tolerance, `losses[${k}]`);
    });
    assert.deepEqual(Array.from(race.lrs(0)), Array(cases[0].steps).fill(cases[0].optimizer.lr));
    assert.deepEqual(race.stateNames(0), []);
    assert.deepEqual(race.stateNames(1), ['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq']);
    const m = race.state(1, 'exp_avg');
    assert.equal(m.length, 2);
    assert.ok(m.every(Number.isFinite));
    const g = race.lastGradient(0);
    const [x, y] = [traj.at(-4), traj.at(-3)];  // the point the last update started from
    assert.deepEqual(Array.from(g), [x, 10 * y]);
    assert.equal(JSON.parse(race.hyperparameters(1)).betas[1], 0.999);
    assert.throws(() => race.state(0, 'exp_avg'), /has no state "exp_avg"/);
    assert.throws(() => race.trajectory(2), /run index 2 out of range/);
  } finally {
    race.delete();
  }

  for (const c of cases.slice(1)) {
    const r = new core.Race2D(JSON.stringify({ function: c.function, x0: c.x0, runs: [{ optimizer: c.optimizer, schedule: c.schedule }] }));
    r.step(c.steps);
    const t = r.trajectory(0);
    c.trajectory.forEach(([x, y], k) => {
      assertClose(t[2 * k], x, c.tolerance, `${c.name} trajectory[${k}][0]`);
      assertClose(t[2 * k + 1], y, c.tolerance, `${c.name} trajectory[${k}][1]`);
    });
    r.delete();
  }
});

test('Race2D records divergence and rejects bad specs with the field name', () => {
  const race = new core.Race2D('{"function": "saddle", "x0": [0.5, 0.5], "runs": [{"optimizer": {"name": "sgd", "lr": 1e6}}]}');
  race.step(500);
  assert.ok(race.divergedStep(0) >= 0);
  assert.equal(race.stepsDone(0), race.divergedStep(0) + 1);
  assert.ok(race.trajectory(0).every(Number.isFinite));
  race.delete();
  assert.throws(() => new core.Race2D('{"function": "booth", "runs": [{"optimizer": {"name": "sgd"}}, {"optimizer": {"name": "adam", "lr": -1}}]}'),
    { message: 'race.runs[1].optimizer.lr: must be >= 0, got -1' });
  assert.throws(() => new core.Race2D('{"function": "booth", "runs": []}'), /race.runs: expected a non-empty array/);
  assert.throws(() => new core.Race2D('not json'), /race: malformed JSON/);
});
