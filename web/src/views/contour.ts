// Draws a loss surface: a continuous light colour scale on log-spaced levels (so both the valley
// floor and the steep walls show structure), with iso-lines traced by marching squares.
import { finiteRange, toImage } from './canvas';

// Height in [0, 1] on a log scale above the minimum.
export function logHeights(values: ArrayLike<number>): Float32Array {
  const [lo, hi] = finiteRange(values);
  const span = Math.log1p(Math.max(hi - lo, 1e-12));
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isFinite(v) ? Math.log1p(v - lo) / span : 1;
  }
  return out;
}

export function contourImage(heights: Float32Array, nx: number, ny: number): OffscreenCanvas {
  const rgba = new Uint8ClampedArray(heights.length * 4);
  for (let i = 0; i < heights.length; i++) {
    const t = heights[i];
    // pale teal valleys rising to warm sand: readable under every run colour
    rgba[i * 4] = 222 + (250 - 222) * t;
    rgba[i * 4 + 1] = 240 + (232 - 240) * t;
    rgba[i * 4 + 2] = 244 + (208 - 244) * t;
    rgba[i * 4 + 3] = 255;
  }
  return toImage(rgba, nx, ny);
}

// Iso-line segments at the given levels, in grid coordinates (x in [0, nx−1], y in [0, ny−1]).
export function isoLines(heights: ArrayLike<number>, nx: number, ny: number, levels: number[]): number[] {
  const out: number[] = [];
  const at = (i: number, j: number) => heights[j * nx + i];
  for (const level of levels) {
    for (let j = 0; j + 1 < ny; j++) {
      for (let i = 0; i + 1 < nx; i++) {
        const a = at(i, j);
        const b = at(i + 1, j);
        const c = at(i + 1, j + 1);
        const d = at(i, j + 1);
        const points: number[] = [];
        const edge = (v0: number, v1: number, x0: number, y0: number, x1: number, y1: number) => {
          if ((v0 < level) === (v1 < level)) return;
          const t = (level - v0) / (v1 - v0);
          points.push(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
        };
        edge(a, b, i, j, i + 1, j);
        edge(b, c, i + 1, j, i + 1, j + 1);
        edge(c, d, i + 1, j + 1, i, j + 1);
        edge(d, a, i, j + 1, i, j);
        for (let k = 0; k + 3 < points.length; k += 4) out.push(points[k], points[k + 1], points[k + 2], points[k + 3]);
      }
    }
  }
  return out;
}
