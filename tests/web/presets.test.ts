import { describe, expect, test } from 'vitest';
import { presetFor, presets } from '../../web/src/presets';
import { decodeState, encodeState } from '../../web/src/state/hash';
import { defaultState } from '../../web/src/state/types';

describe('presetFor', () => {
  test('finds every lesson from its link, at any speed', () => {
    for (const p of presets) {
      const linked = decodeState(encodeState({ ...p.state(), speed: 42 }))!;
      expect(presetFor(linked)?.id).toBe(p.id);
    }
  });
  test('key order does not matter; any other setting does', () => {
    const p = presets.find((q) => q.id === 'step-vs-cosine')!;
    const s = p.state();
    const reordered = Object.fromEntries(Object.entries(s).reverse()) as typeof s;
    reordered.runs = s.runs.map((r) => ({ schedule: r.schedule, optimizer: { ...r.optimizer } }));
    expect(presetFor(reordered)?.id).toBe(p.id);
    expect(presetFor({ ...s, seed: s.seed + 1 })).toBeNull();
    s.runs[1].schedule = { name: 'cosine', T_max: 2999 };
    expect(presetFor(s)).toBeNull();
  });
  test('the default experiment is no lesson', () => {
    expect(presetFor(defaultState())).toBeNull();
  });
});
