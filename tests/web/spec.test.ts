import { describe, expect, test } from 'vitest';
import { experimentSpec, jobFor } from '../../web/src/state/spec';
import { defaultState } from '../../web/src/state/types';

describe('experiment spec of a run', () => {
  test('shares everything but optimizer and schedule; auto loss is left to the engine', () => {
    const s = defaultState();
    s.runs.push({ optimizer: { name: 'sgd', lr: 0.1 }, schedule: { name: 'cosine', T_max: 100 } });
    const a = experimentSpec(s, s.runs[0]);
    const b = experimentSpec(s, s.runs[1]);
    expect(a.loss).toBeUndefined();
    expect({ ...a, optimizer: null, schedule: null }).toEqual({ ...b, optimizer: null, schedule: null });
    expect(b.optimizer).toEqual({ name: 'sgd', lr: 0.1 });
    expect(b.schedule).toEqual({ name: 'cosine', T_max: 100 });
    expect(a.features).toEqual(['linear']);
    expect(a.steps).toBe(2000);
  });
  test('counts in epochs when asked, with stop conditions and per-run overrides', () => {
    const s = defaultState();
    s.loss = 'mse';
    s.epochs = 30;
    s.features = ['square'];
    s.stop = { patience: 5 };
    const spec = experimentSpec(s, { optimizer: { name: 'adam' }, schedule: null, batch_size: 'full', regularization: { l1: 0.01, l2: 0 } });
    expect(spec.steps).toBeUndefined();
    expect(spec.epochs).toBe(30);
    expect(spec.stop).toEqual({ patience: 5 });
    expect(spec.loss).toBe('mse');
    expect(spec.features).toEqual(['linear', 'square']);
    expect(spec.batch_size).toBe('full');
    expect(spec.regularization).toEqual({ l1: 0.01, l2: 0 });
  });
  test('a test-function problem becomes a 2-D job and CSV text goes only with CSV data', () => {
    const s = defaultState();
    s.problem = 'function';
    expect(jobFor(s, s.runs[0], 'a,b\n1,2')).toEqual({ kind: 'function', fn: 'rosenbrock', x0: [-1.5, 2], optimizer: { name: 'adam', lr: 0.01 }, schedule: null, steps: 2000 });
    s.problem = 'data';
    expect(jobFor(s, s.runs[0], 'a,b\n1,2')).toMatchObject({ kind: 'train', csv: undefined });
    s.data = { source: 'csv' };
    expect(jobFor(s, s.runs[0], 'a,b\n1,2')).toMatchObject({ kind: 'train', csv: 'a,b\n1,2' });
  });
});
