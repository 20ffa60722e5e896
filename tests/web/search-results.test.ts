import { describe, expect, test } from 'vitest';
import type { SweepResult } from '../../web/src/protocol';
import type { PoolRun } from '../../web/src/search/pool';
import { atEdge, bestRun, colour, colourScale, heatmap, metric, metricName, sortRuns } from '../../web/src/search/results-model';

function result(test_loss: number | null, diverged = false, train_loss = 1): SweepResult {
  return { train_loss, test_loss, train_accuracy: 0.5, test_accuracy: 0.5, diverged, diverged_at: diverged ? 7 : null, steps: 10, stop: 'max_steps', seconds: 0.1 };
}

function run(index: number, config: Record<string, unknown>, r: SweepResult | null, status: PoolRun['status'] = r ? 'done' : 'queued'): PoolRun {
  return { line: { index, config, spec: {} }, status, result: r, error: null, fraction: r ? 1 : 0, started: 0, seconds: 0 };
}

// lr × batch_size, 2 × 2: one diverged, one still queued.
const runs = [
  run(0, { lr: 0.01, batch_size: 16 }, result(0.5)),
  run(1, { lr: 0.01, batch_size: 32 }, result(0.3)),
  run(2, { lr: 1, batch_size: 16 }, result(null, true, NaN)),
  run(3, { lr: 1, batch_size: 32 }, null, 'running'),
];

describe('search results', () => {
  test('the metric is the test loss, else the train loss; the best run ignores diverged and unfinished runs', () => {
    expect(metric(result(0.2))).toBe(0.2);
    expect(metric(result(null, false, 0.7))).toBe(0.7);
    expect(metricName(runs)).toBe('test loss');
    expect(metricName([run(0, {}, result(null))])).toBe('train loss');
    expect(bestRun(runs)?.line.index).toBe(1);
    expect(bestRun([runs[2], runs[3]])).toBeNull();
  });
  test('sorting by a result column puts missing values last in both directions', () => {
    expect(sortRuns(runs, 'result.test_loss', true).map((r) => r.line.index)).toEqual([1, 0, 2, 3]);
    expect(sortRuns(runs, 'result.test_loss', false).map((r) => r.line.index)).toEqual([0, 1, 2, 3]);
    expect(sortRuns(runs, 'config.batch_size', false).map((r) => r.line.index)).toEqual([1, 3, 0, 2]);
    expect(sortRuns(runs, 'index', true).map((r) => r.line.index)).toEqual([0, 1, 2, 3]);
  });
  test('the heatmap has one cell per pair of values, filled as runs finish, diverged cells marked', () => {
    const map = heatmap(runs, 'lr', 'batch_size');
    expect(map.xs).toEqual([0.01, 1]);
    expect(map.ys).toEqual([16, 32]);
    expect(map.cells.map((c) => c.value)).toEqual([0.5, null, 0.3, null]);
    expect(map.cells.map((c) => c.filled)).toEqual([true, true, true, false]);
    expect(map.cells.map((c) => c.diverged)).toEqual([false, true, false, false]);
  });
  test('with more dimensions a cell shows the best run over the others', () => {
    const three = [
      run(0, { lr: 0.1, batch_size: 8, optimizer: 'sgd' }, result(0.9)),
      run(1, { lr: 0.1, batch_size: 8, optimizer: 'adam' }, result(0.4)),
    ];
    const map = heatmap(three, 'lr', 'batch_size');
    expect(map.cells).toHaveLength(1);
    expect(map.cells[0].best?.line.index).toBe(1);
    expect(heatmap(three, 'optimizer', '').cells.map((c) => c.value)).toEqual([0.9, 0.4]);
  });
  test('colour scale: best is 0, worst 1, log when the values span more than a factor of 5', () => {
    const lin = colourScale([1, 2, 3]);
    expect(lin.log).toBe(false);
    expect([lin.t(1), lin.t(2), lin.t(3)]).toEqual([0, 0.5, 1]);
    const log = colourScale([0.01, 0.1, 1, NaN]);
    expect(log.log).toBe(true);
    expect(log.t(0.1)).toBeCloseTo(0.5);
    expect(colourScale([2, 2]).t(2)).toBe(0);
    expect(colour(0)).toBe('rgb(253, 231, 37)');
    expect(colour(1)).toBe('rgb(68, 1, 84)');
  });
  test('a best value at the end of a numeric range is pointed out', () => {
    const lrs = [0.001, 0.01, 0.1];
    const grid = lrs.map((lr, i) => run(i, { lr, optimizer: 'adam' }, result([0.2, 0.5, 0.9][i])));
    expect(atEdge(grid, ['lr', 'optimizer'])).toEqual([{ name: 'lr', value: 0.001, side: 'low' }]);
    const middle = lrs.map((lr, i) => run(i, { lr }, result([0.5, 0.2, 0.9][i])));
    expect(atEdge(middle, ['lr'])).toEqual([]);
    expect(atEdge(grid.slice(0, 2), ['lr'])).toEqual([]);
  });
});
