// The loss surface over two parameters (a 2-D test function, or θ0 = w and θ1 = b of a 1-feature
// linear regression) with every run's trajectory as it streams in. Clicking sets the start point.
import type { Grid, Internals } from '../protocol';
import { runColor } from '../palette';
import { contourImage, isoLines, logHeights } from './contour';
import { Frame, Surface } from './canvas';

const size = 320;
const pad = 34;

export interface Trail {
  index: number;
  path: ArrayLike<number>;
  internals: Internals | null;
}

export class LandscapeView {
  readonly surface = new Surface(size, size, 'loss landscape with each run’s trajectory');
  private grid: Grid | null = null;
  private image: OffscreenCanvas | null = null;
  private lines: number[] = [];
  private frame: Frame | null = null;
  minima: Array<[number, number]> = [];
  start: [number, number] | null = null;
  axisNames: [string, string] = ['x', 'y'];
  showInternals = false;

  constructor(onPick: (x: number, y: number) => void) {
    this.surface.canvas.addEventListener('click', (event) => {
      if (!this.frame) return;
      const rect = this.surface.canvas.getBoundingClientRect();
      const px = ((event.clientX - rect.left) / rect.width) * size;
      const py = ((event.clientY - rect.top) / rect.height) * size;
      const f = this.frame;
      if (px < f.left || px > f.left + f.w || py < f.top || py > f.top + f.hgt) return;
      onPick(Number(f.dataX(px).toPrecision(3)), Number(f.dataY(py).toPrecision(3)));
    });
  }

  get canvas(): HTMLCanvasElement {
    return this.surface.canvas;
  }

  setGrid(grid: Grid | null): void {
    this.grid = grid;
    const heights = grid ? logHeights(grid.values) : null;
    this.image = grid && heights ? contourImage(heights, grid.nx, grid.ny) : null;
    this.lines = grid && heights ? isoLines(heights, grid.nx, grid.ny, Array.from({ length: 14 }, (_, k) => (k + 0.5) / 14)) : [];
    this.frame = grid ? new Frame(grid.x, grid.y, pad, 8, size - pad - 8, size - pad - 8) : null;
  }

  draw(trails: Trail[]): void {
    const s = this.surface;
    const ctx = s.ctx;
    s.clear();
    if (!this.grid || !this.image || !this.frame) {
      ctx.fillStyle = this.surface.theme.muted;
      ctx.font = '13px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.fillText('A landscape exists for 2-D test functions', size / 2, size / 2 - 8);
      ctx.fillText('and for 1-feature linear regression.', size / 2, size / 2 + 10);
      return;
    }
    const f = this.frame;
    s.image(this.image, f.left, f.top, f.w, f.hgt);
    ctx.save();
    ctx.beginPath();
    ctx.rect(f.left, f.top, f.w, f.hgt);
    ctx.clip();
    this.isoLines(f);
    for (const [mx, my] of this.minima) this.star(f.px(mx), f.py(my));
    for (const t of trails) this.trail(f, t);
    if (this.start) {
      ctx.beginPath();
      ctx.arc(f.px(this.start[0]), f.py(this.start[1]), 4.5, 0, 2 * Math.PI);
      ctx.strokeStyle = '#1b1f24';
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
    ctx.restore();
    this.surface.axes(f, this.axisNames[0], this.axisNames[1]);
  }

  private isoLines(f: Frame): void {
    const g = this.grid!;
    const sx = f.w / (g.nx - 1);
    const sy = f.hgt / (g.ny - 1);
    const ctx = this.surface.ctx;
    ctx.beginPath();
    for (let k = 0; k < this.lines.length; k += 4) {
      ctx.moveTo(f.left + this.lines[k] * sx, f.top + f.hgt - this.lines[k + 1] * sy);
      ctx.lineTo(f.left + this.lines[k + 2] * sx, f.top + f.hgt - this.lines[k + 3] * sy);
    }
    ctx.strokeStyle = 'rgba(90, 110, 120, 0.35)';
    ctx.lineWidth = 0.8;
    ctx.stroke();
  }

  private star(x: number, y: number): void {
    const ctx = this.surface.ctx;
    ctx.beginPath();
    for (let k = 0; k < 10; k++) {
      const r = k % 2 ? 2.5 : 6;
      const a = -Math.PI / 2 + (k * Math.PI) / 5;
      ctx.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
    }
    ctx.closePath();
    ctx.fillStyle = '#1b1f24';
    ctx.fill();
  }

  private trail(f: Frame, t: Trail): void {
    const ctx = this.surface.ctx;
    const n = t.path.length / 2;
    if (n < 1) return;
    const color = runColor(t.index);
    ctx.beginPath();
    // Long paths are thinned for drawing; the last point is always kept.
    const stride = Math.max(1, Math.floor(n / 2000));
    for (let i = 0; i < n; i += stride) {
      const x = f.px(t.path[2 * i]);
      const y = f.py(t.path[2 * i + 1]);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    const lx = f.px(t.path[2 * n - 2]);
    const ly = f.py(t.path[2 * n - 1]);
    ctx.lineTo(lx, ly);
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.lineJoin = 'round';
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(lx, ly, 4, 0, 2 * Math.PI);
    ctx.fillStyle = color;
    ctx.fill();
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1.2;
    ctx.stroke();
    if (this.showInternals && t.internals?.scale) this.ellipse(lx, ly, t.internals.scale, color);
    if (this.showInternals && t.internals?.moment) this.arrow(lx, ly, t.internals.moment, color);
  }

  // Adaptive optimizers divide each coordinate's step by √(accumulated g²): an ellipse with radii
  // ∝ 1/√v shows which direction currently gets the larger steps (longest radius 16 px).
  private ellipse(x: number, y: number, v: [number, number], color: string): void {
    const rx = 1 / Math.sqrt(Math.max(v[0], 1e-30));
    const ry = 1 / Math.sqrt(Math.max(v[1], 1e-30));
    const k = 16 / Math.max(rx, ry);
    if (!Number.isFinite(k)) return;
    const ctx = this.surface.ctx;
    ctx.beginPath();
    ctx.ellipse(x, y, Math.max(2, rx * k), Math.max(2, ry * k), 0, 0, 2 * Math.PI);
    ctx.setLineDash([3, 2]);
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.4;
    ctx.stroke();
    ctx.setLineDash([]);
  }

  // The optimizer's momentum (or first moment) points along where the run is heading: drawn as −m,
  // the direction of the next update, with its length scaled to at most 50 px.
  private arrow(x: number, y: number, m: [number, number], color: string): void {
    const f = this.frame!;
    const dx = -m[0] * (f.w / (f.xr[1] - f.xr[0]));
    const dy = m[1] * (f.hgt / (f.yr[1] - f.yr[0]));
    const len = Math.hypot(dx, dy);
    if (!(len > 1e-9)) return;
    const scale = Math.min(50, Math.max(12, len)) / len;
    const ex = x + dx * scale;
    const ey = y + dy * scale;
    const ctx = this.surface.ctx;
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(ex, ey);
    const a = Math.atan2(ey - y, ex - x);
    ctx.lineTo(ex - 7 * Math.cos(a - 0.4), ey - 7 * Math.sin(a - 0.4));
    ctx.moveTo(ex, ey);
    ctx.lineTo(ex - 7 * Math.cos(a + 0.4), ey - 7 * Math.sin(a + 0.4));
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.stroke();
  }
}
