import { describe, expect, test } from 'vitest';
import type { LrFindResult } from '../../web/src/protocol';
import { lrText, powersOfTen, yRange } from '../../web/src/search/lr-chart';
import { describe as describeResult, rounded } from '../../web/src/search/lr-finder';

function curve(losses: number[], stopped = false, steepest: number | null = 0.0032): LrFindResult {
  const lrs = losses.map((_, i) => 1e-4 * 10 ** i);
  return { lrs, losses, smoothed: losses, stopped_early: stopped, suggestion: { steepest, min_over_10: steepest === null ? null : 0.001, min_loss_lr: steepest === null ? null : 0.01 } };
}

describe('LR finder in words', () => {
  test('the suggestion names both rules and the Use button takes minimum / 10, rounded as shown', () => {
    const d = describeResult(curve([2, 1.5, 0.5, 0.4]), 10, 4);
    expect(d.suggestion).toBe('Suggested lr ≈ 1e-3 (the loss is lowest at 0.01; a tenth of that); steepest descent at 3.2e-3.');
    expect(d.end).toBe('Ran all 4 steps up to lr = 10 without the loss exploding.');
    expect(rounded(0.0031622)).toBe(0.0032);
    expect(d.use).toBe(0.001);
    const noMinimum = curve([2, 1.5, 0.5, 0.4]);
    noMinimum.suggestion = { steepest: 0.0032, min_over_10: null, min_loss_lr: null };
    expect(describeResult(noMinimum, 10, 4)).toMatchObject({ suggestion: 'Steepest descent at 3.2e-3.', use: 0.0032 });
  });
  test('stopped early and diverged ends are said in words', () => {
    expect(describeResult(curve([2, 1, 9], true), 10, 4).end).toBe('Stopped early at lr = 0.01: the smoothed loss exploded (above 4 × its minimum).');
    expect(describeResult(curve([2, 1, NaN], true), 10, 4).end).toMatch(/^The loss diverged \(became NaN or ∞\) at lr = 0\.01/);
    const short = describeResult(curve([2], true, null), 10, 4);
    expect(short.suggestion).toMatch(/Too few steps for a suggestion/);
    expect(short.use).toBeNull();
  });
  test('lr labels and the y range that leaves out the exploded tail', () => {
    expect(lrText(0.0032)).toBe('3.2e-3');
    expect(lrText(0.05)).toBe('0.05');
    expect(lrText(1e-7)).toBe('1e-7');
    expect(lrText(2e5)).toBe('2e5');
    expect(powersOfTen(1e-7, 10)).toEqual([1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1, 10]);
    expect(powersOfTen(0.002, 0.5)).toEqual([0.01, 0.1]);
    const [lo, hi] = yRange([2.3, 2.2, 1.0, 0.6, 50, 1e6], [2.3, 2.25, 1.9, 1.4, 6, 1e5]);
    expect(lo).toBeLessThan(0.6);
    expect(hi).toBeLessThan(5);
    expect(hi).toBeGreaterThan(2.3);
  });
});
