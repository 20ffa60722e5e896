import { describe, expect, test } from 'vitest';
import { classColor, maxRuns, probabilityColor, runColor, runColors } from '../../web/src/palette';

describe('palette', () => {
  test('has one distinct Okabe–Ito colour per run, six in all', () => {
    expect(maxRuns).toBe(6);
    expect(new Set(runColors).size).toBe(6);
    expect(runColor(0)).toBe('#0072B2');
    expect(runColor(6)).toBe(runColor(0));
  });
  test('probability colours fade to white at 0.5 and are saturated at the ends', () => {
    expect(probabilityColor(0.5)).toEqual([255, 255, 255]);
    const [r0, , b0] = probabilityColor(0);
    const [r1, , b1] = probabilityColor(1);
    expect(b0).toBeGreaterThan(r0);
    expect(r1).toBeGreaterThan(b1);
  });
  test('class colours cycle over ten classes', () => {
    expect(new Set(Array.from({ length: 10 }, (_, k) => classColor(k))).size).toBe(10);
  });
});
