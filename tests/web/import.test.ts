import { describe, expect, test } from 'vitest';
import { importState } from '../../web/src/state/from-spec';
import { experimentSpec } from '../../web/src/state/spec';
import { defaultState } from '../../web/src/state/types';

describe('importing a file', () => {
  test('an experiment spec becomes a one-run state that exports the same spec back', () => {
    const spec = {
      data: { source: 'spiral', n: 400, noise: 0.1, seed: 1 },
      features: ['linear', 'sin'],
      model: { hidden: [{ units: 16, activation: 'tanh' }], init: 'xavier_uniform', init_seed: 1 },
      loss: 'bce_logits',
      regularization: { l1: 0, l2: 0.001 },
      optimizer: { name: 'adam', lr: 0.01 },
      schedule: null,
      batch_size: 16,
      epochs: 200,
      seed: 1,
    };
    const state = importState(JSON.stringify(spec));
    expect(state.runs).toEqual([{ optimizer: { name: 'adam', lr: 0.01 }, schedule: null }]);
    expect(experimentSpec(state, state.runs[0])).toEqual(spec);
  });
  test("the page's own export and a bare state are read as they are", () => {
    const s = defaultState();
    s.runs.push({ optimizer: { name: 'sgd', lr: 0.1 }, schedule: null });
    expect(importState(JSON.stringify({ playground: s, experiments: [] }))).toEqual(s);
    expect(importState(JSON.stringify(s))).toEqual(s);
  });
  test('anything else is refused with a reason', () => {
    expect(() => importState('nope')).toThrow('not valid JSON');
    expect(() => importState('[1]')).toThrow('expected a JSON object');
    expect(() => importState('{"runs": 3}')).toThrow("problem: expected 'data' or 'function'");
    expect(() => importState('{"hello": 1}')).toThrow('expected an exported playground');
    expect(() => importState('{"data": {"source": "iris"}, "model": {"weights": []}}')).toThrow('model.weights');
  });
});
