import { describe, expect, test } from 'vitest';
import { alignSeries } from '../../web/src/charts/align';
import { cappedLogExtent, logTicks, scoreRange } from '../../web/src/charts/axes';
import { smooth } from '../../web/src/smoothing';
import { metricsCsv } from '../../web/src/export';

describe('alignSeries', () => {
  test('joins series of different lengths on the step', () => {
    const [x, a, b] = alignSeries([{ x: [1, 2, 3], y: [5, 4, 3] }, { x: [2], y: [7] }], 100, false);
    expect(x).toEqual([1, 2, 3]);
    expect(a).toEqual([5, 4, 3]);
    expect(b).toEqual([null, 7, null]);
  });
  test('turns non-finite values, and non-positive ones on a log axis, into gaps', () => {
    const [, lin] = alignSeries([{ x: [1, 2, 3], y: [1, NaN, 0] }], 100, false);
    expect(lin).toEqual([1, null, 0]);
    const [, log] = alignSeries([{ x: [1, 2, 3], y: [1, NaN, 0] }], 100, true);
    expect(log).toEqual([1, null, null]);
  });
  test('thins long series but keeps the latest point', () => {
    const x = Array.from({ length: 10001 }, (_, i) => i + 1);
    const [xs, ys] = alignSeries([{ x, y: x }], 1000, false);
    expect(xs.length).toBeLessThanOrEqual(1001);
    expect(xs[xs.length - 1]).toBe(10001);
    expect(ys[ys.length - 1]).toBe(10001);
  });
});

describe('smooth', () => {
  test('weight 0 is the identity and a constant stays constant (debiased)', () => {
    expect(smooth([3, 1, 2], 0)).toEqual([3, 1, 2]);
    smooth([2, 2, 2, 2], 0.9).forEach((v) => expect(v).toBeCloseTo(2, 12));
  });
  test('lags behind a jump and lets NaN through without poisoning later values', () => {
    const s = smooth([0, 0, 10, NaN, 10], 0.5);
    expect(s[2]).toBeGreaterThan(0);
    expect(s[2]).toBeLessThan(10);
    expect(Number.isNaN(s[3])).toBe(true);
    expect(Number.isFinite(s[4])).toBe(true);
  });
});

describe('metricsCsv', () => {
  const summary = (task: 'binary' | 'regression' | 'function', nTest: number) => ({ task, nTest, inputs: 2, classes: [], notes: [], points: null, landscape: null, start: null });
  const run = (over: Partial<Parameters<typeof metricsCsv>[0][number]> = {}) => ({
    index: 0,
    config: { optimizer: { name: 'sgd' }, schedule: null },
    summary: summary('binary', 30),
    steps: [1, 2],
    loss: [0.5, 0.25],
    lr: [0.1, 0.1],
    gradNorm: [1, 0.5],
    evals: [{ step: 2, trainLoss: 0.3, testLoss: 0.4, score: 0.9, trainScore: 0.95, layerGradNorms: [] }],
    ...over,
  });
  test('writes one row per step with evaluations on their steps', () => {
    expect(metricsCsv([run()])).toBe(
      'run,optimizer,step,batch_loss,lr,grad_norm,train_loss,test_loss,train_accuracy,test_accuracy\n1,sgd,1,0.5,0.1,1,,,,\n1,sgd,2,0.25,0.1,0.5,0.3,0.4,0.95,0.9\n',
    );
  });
  test('a diverged value is written NaN / inf, not left empty like a step without evaluation', () => {
    const csv = metricsCsv([run({ loss: [0.5, Infinity], gradNorm: [1, NaN], lr: [0.1, -Infinity], evals: [{ step: 2, trainLoss: NaN, testLoss: NaN, score: NaN, trainScore: NaN, layerGradNorms: [] }] })]);
    expect(csv.trim().split('\n')[2]).toBe('1,sgd,2,inf,-inf,NaN,NaN,NaN,NaN,NaN');
  });
  test('without a test set there are no test columns (regression: R² columns)', () => {
    const csv = metricsCsv([run({ summary: summary('regression', 0), evals: [{ step: 2, trainLoss: 0.3, testLoss: NaN, score: NaN, trainScore: 0.8, layerGradNorms: [] }] })]);
    expect(csv).toBe('run,optimizer,step,batch_loss,lr,grad_norm,train_loss,train_r2\n1,sgd,1,0.5,0.1,1,,\n1,sgd,2,0.25,0.1,0.5,0.3,0.8\n');
  });
  test('a test function has neither test nor score columns', () => {
    const csv = metricsCsv([run({ summary: summary('function', 0), evals: [] })]);
    expect(csv.split('\n')[0]).toBe('run,optimizer,step,batch_loss,lr,grad_norm,train_loss');
  });
});

describe('axes of a diverging run', () => {
  const decades = (from: number, to: number) => {
    const out: number[] = [];
    for (let e = from; e <= to; e++) for (let m = 1; m <= 9; m++) out.push(Number(`${m}e${e}`));
    return out;
  };
  test('a log axis labels powers of ten only', () => {
    expect(logTicks(decades(-2, 1)).filter((v) => v !== null)).toEqual([0.01, 0.1, 1, 10]);
  });
  test('a log axis within one decade still has at least three labels (1-2-5 steps)', () => {
    const splits = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    expect(logTicks(splits).filter((v) => v !== null)).toEqual([0.2, 0.5, 1]);
    const narrow = [0.4, 0.5, 0.6, 0.7];
    expect(logTicks(narrow).filter((v) => v !== null)).toEqual([0.4, 0.5, 0.6, 0.7]);
  });
  test('a diverging loss (2.7e40) is cut at 1e15, below where uPlot stops drawing axes; a normal one is kept', () => {
    expect(cappedLogExtent(0.01, 2.7e40)).toEqual([0.01, 1e15]);
    expect(cappedLogExtent(0.3, 0.7)).toEqual([0.3, 0.7]);
    expect(cappedLogExtent(1e20, 1e30)).toEqual([1e14, 1e15]);
    expect(cappedLogExtent(null, null)).toEqual([0.1, 1]);
  });
  test('a log axis over 26 decades keeps at most five labels', () => {
    const kept = logTicks(decades(-2, 23)).filter((v) => v !== null);
    expect(kept.length).toBeLessThanOrEqual(5);
    expect(kept.length).toBeGreaterThanOrEqual(3);
    expect(kept).toContain(1);
  });
  test('an R² of −3.6e21 does not stretch the score axis below −1', () => {
    const [lo, hi] = scoreRange(-3.6e21, 0.99, -1);
    expect(lo).toBeGreaterThan(-1.2);
    expect(lo).toBeLessThan(-1);
    expect(hi).toBeGreaterThan(0.99);
    expect(hi).toBeLessThan(1.2);
  });
  test('a score range without data, or a narrow one, still shows an axis', () => {
    expect(scoreRange(null, null, 0)[0]).toBeLessThan(0);
    const [lo, hi] = scoreRange(0.95, 0.95, 0);
    expect(hi - lo).toBeGreaterThan(0);
  });
});
