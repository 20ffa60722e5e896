import { describe, expect, test } from 'vitest';
import { decodeState, encodeState } from '../../web/src/state/hash';
import { defaultState } from '../../web/src/state/types';
import { presets } from '../../web/src/presets';

describe('URL hash codec', () => {
  test('round-trips the default state and every preset exactly', () => {
    for (const state of [defaultState(), ...presets.map((p) => p.state())]) {
      expect(decodeState(encodeState(state))).toEqual(state);
    }
  });
  test('keeps non-ASCII text (column names) intact', () => {
    const s = defaultState();
    s.data = { source: 'csv', target: 'Größe (m²)' };
    expect(decodeState(encodeState(s))?.data.target).toBe('Größe (m²)');
  });
  test('uses only URL-safe characters', () => {
    expect(encodeState(defaultState())).toMatch(/^#s=[A-Za-z0-9_-]+$/);
  });
  test('an empty hash means defaults', () => {
    expect(decodeState('')).toBeNull();
    expect(decodeState('#')).toBeNull();
  });
  test('rejects unreadable hashes with a specific message', () => {
    expect(() => decodeState('#x=1')).toThrow('must start with "#s="');
    expect(() => decodeState('#s=@@@')).toThrow('not valid base64url');
    expect(() => decodeState('#s=' + btoa('{nope').replace(/=+$/, ''))).toThrow('not valid JSON');
  });
  test('names the field that is wrong', () => {
    const bad = (change: (s: any) => void) => {
      const s: any = defaultState();
      change(s);
      return () => decodeState(encodeState(s));
    };
    expect(bad((s) => (s.steps = -3))).toThrow('steps: expected an integer in [1, 1000000]');
    expect(bad((s) => (s.runs = []))).toThrow('runs: expected a list of 1 to 6 runs');
    expect(bad((s) => (s.runs[0].optimizer = { lr: 1 }))).toThrow('runs[0].optimizer.name: expected a non-empty string');
    expect(bad((s) => (s.model.hidden[1].units = 1000))).toThrow('model.hidden[1].units');
    expect(bad((s) => (s.problem = 'other'))).toThrow("problem: expected 'data' or 'function'");
    expect(bad((s) => (s.runs[0].batch_size = 0))).toThrow('runs[0].batch_size');
  });
});
