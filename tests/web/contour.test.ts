import { describe, expect, test } from 'vitest';
import { isoLines, logHeights } from '../../web/src/views/contour';

describe('contours', () => {
  test('an iso-line of a plane x crosses at the level, once per cell row', () => {
    // values = x on a 3 × 3 grid: the line x = 0.5 runs vertically through the first column of cells
    const values = [0, 1, 2, 0, 1, 2, 0, 1, 2];
    const segments = isoLines(values, 3, 3, [0.5]);
    expect(segments.length).toBe(8); // two cells on that column, one segment (4 numbers) each
    for (let k = 0; k < segments.length; k += 2) expect(segments[k]).toBeCloseTo(0.5, 12);
  });
  test('no line where the level is out of range', () => {
    expect(isoLines([0, 1, 0, 1], 2, 2, [5])).toEqual([]);
  });
  test('log heights run from 0 at the minimum to 1 at the maximum, monotonically', () => {
    const h = logHeights([3, 4, 103, 1003]);
    expect(h[0]).toBe(0);
    expect(h[3]).toBeCloseTo(1, 6);
    expect(h[1]).toBeLessThan(h[2]);
    expect(h[2]).toBeGreaterThan(0.5); // a log scale gives the valley floor most of the colours
  });
});
