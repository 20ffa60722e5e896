// Bad input, divergence and resource faults in the WebAssembly build, through the same bindings the
// Web Worker uses (Trainer, Race2D). Every rejection is a JS Error with the exact message the page
// shows; after any failure the module keeps working. The native CLI path is in
// tests/cpp/reliability_cli_test.cpp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from './load-core.js';

const core = await loadCore();
const csvDir = fileURLToPath(new URL('../data/csv/', import.meta.url));
const csvSpec = JSON.stringify({ data: { source: 'csv' }, optimizer: { name: 'sgd', lr: 0.1 }, steps: 3 });
const file = (name) => new Uint8Array(readFileSync(join(csvDir, name)));
const text = (s) => new TextEncoder().encode(s);

function rejects(spec, csv, message) {
  assert.throws(() => new core.Trainer(spec, csv), (e) => {
    assert.ok(e instanceof Error, `not an Error: ${e}`);
    assert.equal(e.message, message);
    return true;
  });
}

// Trains a few steps and returns the dataset description, proving the module is still usable.
function stillWorks() {
  const t = new core.Trainer(JSON.stringify({ data: { source: 'spiral', n: 40 }, steps: 3 }), '');
  const status = t.step(3);
  t.delete();
  assert.equal(status.stop, 'max_steps');
}

test('empty, header-only and one-row files', () => {
  rejects(csvSpec, file('empty.csv'), 'the file is empty');
  rejects(csvSpec, text('\n \r\n\t\n'), 'the file is empty');
  rejects(csvSpec, '', "data.source: 'csv' needs the file's bytes, and none were given");
  rejects(csvSpec, file('header_only.csv'), 'the file has a header row but no data rows');
  rejects(csvSpec, file('one_row.csv'), 'the file has only one data row (row 2); at least 2 are needed');
  stillWorks();
});

test('binary bytes, UTF-16, ragged rows, unterminated quotes', () => {
  rejects(csvSpec, file('binary.bin'), 'row 1, column 2: NUL byte; this looks like a binary file, not CSV text');
  rejects(csvSpec, file('utf16.csv'), 'row 1, column 1: bytes that are not valid UTF-8; save the file as UTF-8 CSV');
  rejects(csvSpec, file('ragged.csv'), 'row 7 has 3 fields, expected 4 (as in row 1)');
  rejects(csvSpec, file('unterminated_quote.csv'), 'row 3, column 2: a quote opened here is never closed');
  stillWorks();
});

test('text in numeric columns, Inf/NaN/1e300, duplicate names', () => {
  rejects(csvSpec, file('text_in_numeric.csv'),
    "row 4, column 1 'age': 'abc' is not a number, but the column's other values are; fix the cell or write NA for a missing value");
  rejects(csvSpec, file('infinity.csv'), "row 3, column 2 'y': 'inf' is not a finite number");
  rejects(csvSpec, file('overflow.csv'), "row 3, column 1 'x': 1e300 is outside the float32 range (about ±3.4e38)");
  rejects(csvSpec, text('x,y\n1,2\n-1e300,3\n4,5\n'), "row 3, column 1 'x': -1e300 is outside the float32 range (about ±3.4e38)");
  rejects(csvSpec, file('duplicate_names.csv'), "columns 1 and 3 are both named 'x'; column names must be unique");
  stillWorks();
});

test('missing values in every form are dropped or filled, and the notes say so', () => {
  const dropped = new core.Trainer(csvSpec, file('missing_forms.csv'));
  const notes = JSON.parse(dropped.datasetJson()).notes;
  assert.ok(notes.includes('dropped 8 rows with missing feature values (data.missing "drop")'), notes.join('\n'));
  dropped.delete();
  const meanSpec = JSON.stringify({ data: { source: 'csv', missing: 'mean' }, steps: 3 });
  const filled = new core.Trainer(meanSpec, file('missing_forms.csv'));
  const d = JSON.parse(filled.datasetJson());
  assert.equal(d.n_train + d.n_test, 10);
  assert.ok(d.notes.some((n) => n.startsWith('filled 8 missing values')), d.notes.join('\n'));
  assert.equal(filled.step(3).stop, 'max_steps');
  filled.delete();
});

test('a constant column is kept and named; a string source is accepted as well as bytes', () => {
  const t = new core.Trainer(csvSpec, readFileSync(join(csvDir, 'constant_column.csv'), 'utf8'));
  assert.ok(JSON.parse(t.datasetJson()).notes.includes(
    "column 'k' has the same value (5) in every training row: kept, but it carries no information (scale 1)"));
  t.delete();
});

function wideCsv(columns) {
  const rows = [Array.from({ length: columns }, (_, c) => `c${c}`).join(',')];
  for (let r = 1; r < 4; ++r) rows.push(Array.from({ length: columns }, (_, c) => (r * 7 + c) % 13).join(','));
  return text(rows.join('\n') + '\n');
}

test('thousands of columns: 3000 train, 4097 are refused', () => {
  const t = new core.Trainer(csvSpec, wideCsv(3000));
  assert.equal(JSON.parse(t.datasetJson()).features.length, 2999);
  assert.equal(t.step(3).stop, 'max_steps');
  t.delete();
  rejects(csvSpec, wideCsv(4097), 'row 1 has more than 4096 fields; the limit is 4096 columns');
});

test('a file over the 50 MB limit is refused before it is copied into wasm memory', () => {
  const before = core.HEAPU8.buffer.byteLength;
  rejects(csvSpec, new Uint8Array(50 * 1024 * 1024 + 1), 'the file has 52428801 bytes; the limit is 52428800 bytes (50 MB)');
  assert.equal(core.HEAPU8.buffer.byteLength, before);
  stillWorks();
});

test('invalid experiment JSON: malformed, wrong types, unknown names, out of range', () => {
  const spec = (o) => JSON.stringify({ data: { source: 'spiral' }, steps: 3, ...o });
  assert.throws(() => new core.Trainer('{"data":', ''), { message: /^spec: malformed JSON: \[json.exception.parse_error.101\] parse error at line 1, column 9/ });
  rejects('[1,2]', '', 'spec: expected an object, got [1,2]');
  rejects(spec({ optimizer: { name: 'sgd', lr: -0.1 } }), '', 'optimizer.lr: must be >= 0, got -0.1');
  rejects(spec({ batch_size: 0 }), '', 'batch_size: expected "full" or an integer from 1 to 1000000, got 0');
  rejects(spec({ optimizer: { name: 'adamm' } }), '',
    'optimizer.name: unknown optimizer "adamm" (allowed: sgd, adagrad, rmsprop, adadelta, adam, adamw, adamax, nadam, radam, lion)');
  rejects(spec({ optimizer: { name: 'adam', lr: 'fast' } }), '', 'optimizer.lr: expected a number, got string "fast"');
  rejects(spec({ steps: '3' }), '', 'steps: expected an integer from 1 to 100000000, got "3"');
  rejects(spec({ model: { hidden: [{ units: 300 }] } }), '', 'model.hidden[0].units: expected an integer from 1 to 256, got 300');
  rejects(JSON.stringify({ data: { source: 'spirals' }, steps: 3 }), '',
    "data.source: unknown source 'spirals'; one of circle, xor, gauss, spiral, plane, multi_gauss, five_points, linear, sine, csv, iris, digits, diabetes");
  stillWorks();
});

const optimizers = JSON.parse(core.optimizerCatalog()).map((o) => o.name);

test('every optimizer with a huge lr stops its run as diverged at step k', () => {
  assert.ok(optimizers.length >= 10);
  for (const name of optimizers) {
    const t = new core.Trainer(JSON.stringify({
      data: { source: 'linear', n: 60, seed: 3 },
      model: { hidden: [{ units: 8, activation: 'relu' }], init_seed: 1 },
      optimizer: { name, lr: 1e30 },
      batch_size: 'full',
      steps: 500,
    }), '');
    const status = t.step(500);
    assert.equal(status.done, true, name);
    assert.equal(status.stop, 'diverged', name);
    assert.ok(status.divergedAt >= 0 && status.divergedAt < 500, `${name}: ${status.divergedAt}`);
    assert.equal(status.steps, status.divergedAt, name);
    const losses = t.chunkLosses();
    assert.equal(losses.length, status.divergedAt + 1, name);
    const summary = JSON.parse(t.summaryJson());
    assert.equal(summary.diverged_at, status.divergedAt, name);
    assert.equal(summary.stop, 'diverged', name);
    assert.deepEqual(t.step(10), { ...status, evaluated: false }, name);  // stays stopped
    t.delete();
  }
});

// Race2D runs in double: only an lr near the top of its range overflows for every optimizer.
test('Race2D: only the run with a huge lr is marked diverged, the others keep going', () => {
  for (const name of optimizers) {
    const race = new core.Race2D(JSON.stringify({
      function: 'rosenbrock',
      runs: [{ optimizer: { name: 'sgd', lr: 1e-4 } }, { optimizer: { name, lr: 1e300 } }, { optimizer: { name: 'adam', lr: 0.01 } }],
    }));
    assert.equal(race.step(100), 100, name);
    const k = race.divergedStep(1);
    assert.ok(k >= 0 && k < 100, `${name}: diverged at ${k}`);
    // Updates 0..k were attempted; the point of update k was not finite and is not recorded.
    assert.equal(race.stepsDone(1), k + 1, name);
    assert.equal(race.losses(1).length, k + 1, name);
    assert.ok(race.losses(1).every(Number.isFinite), name);
    assert.equal(race.step(50), 150, name);
    assert.equal(race.stepsDone(1), k + 1, name);
    for (const i of [0, 2]) {
      assert.equal(race.divergedStep(i), -1, `${name}: run ${i}`);
      assert.equal(race.stepsDone(i), 150, `${name}: run ${i}`);
      assert.ok(race.losses(i).every(Number.isFinite), `${name}: run ${i}`);
    }
    race.delete();
  }
});

test('step(n) takes only whole chunks up to a million steps, else a clear Error and nothing changes', () => {
  const t = new core.Trainer(JSON.stringify({ data: { source: 'spiral', n: 40 }, steps: 10 }), '');
  for (const n of [1e9, Infinity, NaN, -1, 2.5]) {
    assert.throws(() => t.step(n), {
      message: `step(n): n must be a whole number from 0 to 1000000, got ${n}`,
    }, String(n));
  }
  assert.equal(t.step(10).stop, 'max_steps');
  assert.equal(t.chunkLosses().length, 10);
  t.delete();
  const race = new core.Race2D(JSON.stringify({ function: 'rosenbrock', x0: [-1, 1], runs: [{ optimizer: { name: 'sgd', lr: 0.001 } }] }));
  for (const n of [Infinity, NaN, -1, 0.5]) assert.throws(() => race.step(n), /step\(n\): n must be a whole number from 0 to 1000000/, String(n));
  assert.equal(race.step(5), 5);
  race.delete();
});

// Last: the failed growth leaves the module's memory at its 2 GB maximum.
test('a spec needing more than 2 GB fails with a clear error and the module stays usable', () => {
  const huge = JSON.stringify({
    data: { source: 'spiral', n: 100000, test_fraction: 0 },
    model: { hidden: Array(8).fill({ units: 256, activation: 'relu' }) },
    batch_size: 'full',
    steps: 2,
  });
  rejects(huge, '', 'out of memory: this experiment needs more than the 2 GB WebAssembly memory can grow to; use fewer rows, a smaller batch or fewer units');
  stillWorks();
  const again = new core.Trainer(JSON.stringify({ data: { source: 'spiral', n: 1000 }, model: { hidden: [{ units: 64 }] }, steps: 20 }), '');
  assert.equal(again.step(20).stop, 'max_steps');
  again.delete();
});
