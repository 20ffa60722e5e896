import { describe, expect, test } from 'vitest';
import type { LrFindResult } from '../../web/src/protocol';
import { drawMarkers } from '../../web/src/charts/markers';
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

describe('LR finder markers', () => {
  // A context that records what is drawn; it starts right-aligned, as uPlot leaves it after its axes.
  function recorder() {
    const calls: Array<{ op: string; x: number; y?: number; w?: number; text?: string; align?: string }> = [];
    const ctx = {
      textAlign: 'right',
      textBaseline: 'alphabetic',
      font: '',
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 1,
      save() {},
      restore() {},
      setLineDash() {},
      beginPath() {},
      moveTo(x: number) {
        calls.push({ op: 'line', x });
      },
      lineTo() {},
      stroke() {},
      measureText: (t: string) => ({ width: 6 * t.length }),
      fillRect(x: number, y: number, w: number) {
        calls.push({ op: 'box', x, y, w });
      },
      fillText(text: string, x: number, y: number) {
        calls.push({ op: 'text', x, y, text, align: this.textAlign });
      },
    };
    return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
  }
  const bbox = { left: 50, top: 10, width: 400, height: 200 };
  const markers = [
    { label: 'min / 10', color: 'green', x: 300 },
    { label: 'steepest', color: 'orange', x: 318 },
  ];

  test('each label is drawn inside its own background, after every line, one row per marker', () => {
    const { ctx, calls } = recorder();
    drawMarkers(ctx, markers, bbox, 'white', 1);
    const texts = calls.filter((c) => c.op === 'text');
    const boxes = calls.filter((c) => c.op === 'box');
    expect(texts.map((t) => t.text)).toEqual(['min / 10', 'steepest']);
    const lastLine = calls.map((c) => c.op).lastIndexOf('line');
    expect(lastLine).toBeLessThan(calls.findIndex((c) => c.op === 'box'));
    texts.forEach((t, i) => {
      const width = 6 * t.text!.length;
      const left = t.align === 'left' ? t.x : t.align === 'right' ? t.x - width : t.x - width / 2;
      expect(left).toBeGreaterThanOrEqual(boxes[i].x);
      expect(left + width).toBeLessThanOrEqual(boxes[i].x + boxes[i].w!);
      expect(boxes[i].x).toBeGreaterThanOrEqual(markers[i].x); // right of its line
    });
    expect(boxes[1].y).toBeGreaterThan(boxes[0].y);
  });

  test('a marker near the right edge gets its label on the left of its line, inside the plot', () => {
    const { ctx, calls } = recorder();
    drawMarkers(ctx, [{ label: 'steepest', color: 'orange', x: 440 }], bbox, 'white', 1);
    const box = calls.find((c) => c.op === 'box')!;
    expect(box.x + box.w!).toBeLessThanOrEqual(440);
    expect(box.x).toBeGreaterThanOrEqual(bbox.left);
  });

  test('a label wider than either side of its line starts at the plot’s left edge, not outside it', () => {
    const { ctx, calls } = recorder();
    drawMarkers(ctx, [{ label: 'run 2 diverged at step 1234 of a long run', color: 'orange', x: 250 }], bbox, 'white', 1);
    const box = calls.find((c) => c.op === 'box')!;
    expect(box.x).toBe(bbox.left);
  });
});
