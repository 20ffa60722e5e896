// Calls every bind_trainer.cpp binding (Embind reports unbound types only at call time) and checks
// that the WebAssembly trainer follows the native CLI's curve step for step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from './load-core.js';
import { cli, trainBoth } from './native-vs-wasm.js';

const core = await loadCore();

const spiral = {
  data: { source: 'spiral', n: 200, noise: 0.1, seed: 2 },
  model: { hidden: [{ units: 12, activation: 'tanh' }, { units: 8, activation: 'relu' }], init_seed: 3 },
  optimizer: { name: 'adam', lr: 0.01 },
  batch_size: 16,
  steps: 1000,
  seed: 4,
};

test('Trainer steps in chunks and exposes per-step metrics as Float32Array views', () => {
  const t = new core.Trainer(JSON.stringify({ ...spiral, steps: 50 }), '');
  const status = t.step(20);
  assert.deepEqual(status, { steps: 20, epoch: 2, done: false, stop: 'running', divergedAt: -1, evaluated: true });
  assert.equal(t.chunkFirst(), 0);
  const losses = t.chunkLosses().slice();
  assert.ok(losses instanceof Float32Array);
  assert.equal(losses.length, 20);
  assert.ok(losses.every(Number.isFinite));
  assert.deepEqual([...t.chunkLrs()], new Array(20).fill(Math.fround(0.01)));
  assert.equal(t.chunkGradNorms().length, 20);
  const last = t.step(100);
  assert.equal(last.done, true);
  assert.equal(last.stop, 'max_steps');
  assert.equal(t.chunkFirst(), 20);
  assert.equal(t.chunkLosses().length, 30);
  t.delete();
});

test('evaluations, summary, parameters, spec and dataset come back as JSON', () => {
  const t = new core.Trainer(JSON.stringify({ ...spiral, steps: 30 }), '');
  t.step(30);
  assert.equal(t.evalCount(), 3);  // epochs 1 and 2 (10 steps each) and the final step
  const evals = JSON.parse(t.evalsJson(1));
  assert.equal(evals.length, 2);
  assert.equal(evals[1].step, 30);
  assert.equal(evals[1].layers.length, 3);
  assert.ok(evals[1].test_accuracy >= 0 && evals[1].test_accuracy <= 1);
  const summary = JSON.parse(t.summaryJson());
  assert.equal(summary.type, 'summary');
  assert.equal(summary.steps, 30);
  assert.equal(summary.confusion.length, 2);
  const params = JSON.parse(t.parametersJson());
  assert.equal(params.length, 3);
  assert.equal(params[0].W.length, 12);
  assert.equal(params[0].W[0].length, 2);
  const spec = JSON.parse(t.specJson());
  assert.equal(spec.optimizer.betas[1], 0.999);
  assert.equal(spec.batch_size, 16);
  const data = JSON.parse(t.datasetJson());
  assert.equal(data.task, 'binary');
  assert.equal(data.n_train + data.n_test, 200);
  t.delete();
});

test('prediction grid and both landscapes', () => {
  const t = new core.Trainer(JSON.stringify({ ...spiral, steps: 10 }), '');
  t.step(10);
  const g = t.predictionGrid(8);
  assert.equal(g.nx, 8);
  assert.equal(g.ny, 8);
  assert.equal(g.values.length, 64);
  assert.ok(g.values.every((p) => p >= 0 && p <= 1));
  const r = t.randomLandscape(5, 1, 7);
  assert.equal(r.values.length, 25);
  assert.equal(r.x0, -1);
  assert.throws(() => t.parameterLandscape(5), /needs a linear model with one input/);
  t.delete();

  const line = new core.Trainer(
    JSON.stringify({ data: { source: 'five_points' }, model: { hidden: [], init: 'zeros' }, loss: 'mse',
      optimizer: { name: 'sgd', lr: 0.01 }, batch_size: 'full', steps: 1000 }), '');
  line.step(1000);
  const l = line.parameterLandscape(11);
  assert.equal(l.values.length, 121);
  assert.equal(l.pathX.length, 1001);
  const [w, b] = [l.pathX[1000], l.pathY[1000]];
  assert.ok(Math.abs(w - 2.18599815406887) < 1e-4 && Math.abs(b + 0.9494488934269667) < 1e-4, `${w} ${b}`);
  line.delete();
});

test('CSV bytes may be a string or a Uint8Array', () => {
  const csv = 'x,y\n' + Array.from({ length: 40 }, (_, i) => `${i / 10},${(3 * i) / 10 + 1}`).join('\n') + '\n';
  const spec = JSON.stringify({ data: { source: 'csv', target: 'y' }, model: { hidden: [] },
    optimizer: { name: 'sgd', lr: 0.1 }, batch_size: 'full', steps: 200 });
  const a = new core.Trainer(spec, csv);
  const b = new core.Trainer(spec, new TextEncoder().encode(csv));
  a.step(200);
  b.step(200);
  assert.equal(a.summaryJson().replace(/"seconds":[^,}]*/, ''), b.summaryJson().replace(/"seconds":[^,}]*/, ''));
  assert.ok(JSON.parse(a.summaryJson()).train_r2 > 0.99);
  a.delete();
  b.delete();
});

test('spec errors reach JavaScript as Error with the field path', () => {
  assert.throws(() => new core.Trainer(JSON.stringify({ data: { source: 'spiral' }, optimiser: {} }), ''),
    { message: /^optimiser: unknown key; did you mean "optimizer"\?/ });
  assert.throws(() => new core.Trainer('{', ''), { message: /^spec: malformed JSON/ });
  assert.throws(() => core.normalizeSpec(JSON.stringify({ data: { source: 'spiral' }, batch_size: 0 })),
    { message: 'batch_size: expected "full" or an integer from 1 to 1000000, got 0' });
  const normal = JSON.parse(core.normalizeSpec(JSON.stringify({ data: { source: 'spiral' } })));
  assert.equal(normal.optimizer.name, 'adamw');
  assert.deepEqual(normal.model.hidden, [{ units: 32, activation: 'tanh' }]);
});

test('divergence is reported, not thrown', () => {
  const t = new core.Trainer(JSON.stringify({ data: { source: 'five_points' }, model: { hidden: [], init: 'zeros' },
    optimizer: { name: 'sgd', lr: 1e4 }, batch_size: 'full', steps: 1000 }), '');
  const s = t.step(1000);
  assert.equal(s.stop, 'diverged');
  assert.ok(s.divergedAt > 0 && s.divergedAt < 100);
  assert.equal(JSON.parse(t.summaryJson()).diverged_at, s.divergedAt);
  t.delete();
});

test('native CLI and WebAssembly give the same 1,000-step curve, bit for bit', { skip: !cli && 'no native build/descent' }, () => {
  const { native, wasm } = trainBoth(core, spiral, 1000);
  assert.equal(native.length, 1000);
  assert.equal(wasm.losses.length, 1000);
  // Bit for bit: the kernels fix every summation order and use no FMA or libm (docs/performance.md).
  for (let i = 0; i < 1000; i++) assert.equal(wasm.losses[i], Math.fround(native[i].loss), `step ${i}`);
});

test('points() gives every row in the prediction grid units and predictions() the model output per row', () => {
  const t = new core.Trainer(JSON.stringify({ ...spiral, data: { ...spiral.data, test_fraction: 0.25 }, steps: 300 }), '');
  const ds = JSON.parse(t.datasetJson());
  const p = t.points();
  const n = ds.n_train + ds.n_test;
  assert.equal(p.x.length, n);
  assert.equal(p.y.length, n);
  assert.equal(p.label.length, n);
  assert.equal(p.test.reduce((s, v) => s + v, 0), ds.n_test);
  assert.ok([...p.label].every((c) => c === 0 || c === 1));
  // Every point lies inside the grid the decision boundary is drawn on.
  const g = t.predictionGrid(8);
  for (let i = 0; i < n; i++) {
    assert.ok(p.x[i] >= g.x0 && p.x[i] <= g.x1 && p.y[i] >= g.y0 && p.y[i] <= g.y1, `point ${i} outside the grid`);
  }
  t.step(300);
  const probability = t.predictions();
  assert.equal(probability.length, n);
  // After training, predictions agree with the reported training accuracy.
  let right = 0;
  for (let i = 0; i < n; i++) if (!p.test[i] && (probability[i] > 0.5 ? 1 : 0) === p.label[i]) right++;
  const evals = JSON.parse(t.evalsJson(0));
  assert.ok(Math.abs(right / ds.n_train - evals.at(-1).train_accuracy) < 1e-9);
  t.delete();
});
