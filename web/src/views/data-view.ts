// What the model does with the data: a decision-boundary heatmap with train/test points (2 inputs,
// classification), a scatter with the fitted curve (1 input, regression), predicted vs actual
// (other regression) or a confusion matrix (other classification).
import type { Grid, RunSummary, View } from '../protocol';
import { isoLines } from './contour';
import { classColor, probabilityColor, runColor } from '../palette';
import { Frame, Surface, extent, toImage } from './canvas';

const size = 320;
const pad = 34;

export class DataView {
  readonly surface = new Surface(size, size, 'data view: the model and the data');
  private summary: RunSummary | null = null;

  get canvas(): HTMLCanvasElement {
    return this.surface.canvas;
  }

  private idle = 'The picture appears once the run starts.';

  setSummary(summary: RunSummary | null, idle = 'The picture appears once the run starts.'): void {
    this.summary = summary;
    this.idle = idle;
    this.shown = [];
    this.others = [];
    this.main = null;
    this.latest = [];
    this.draw(null);
  }

  private shown: Array<View | null> = [];
  private others: Array<View | null> = [];
  private run = 0; // whose boundary, predictions or confusion matrix are drawn
  private main: View | null = null;

  // Draws another run's picture (1-D fits of every run are overlaid anyway).
  showRun(index: number): void {
    this.run = index;
    this.shown = [];
    this.update(this.latest);
  }

  private latest: Array<View | null> = [];

  // Takes every run's latest picture (index = run); redraws only when one changed. The chosen run's
  // picture is drawn; 1-D fits of all runs are overlaid in their colours, the first run's on top.
  update(views: Array<View | null>): void {
    this.latest = views;
    const main = views[this.run] ?? views[0] ?? null;
    // Other runs' pictures matter only for 1-D fits, which are overlaid.
    const overlaid = main?.kind === 'curve';
    const same = views.length === this.shown.length && (overlaid ? views.every((v, i) => v === this.shown[i]) : main === this.main);
    if (same) return;
    this.shown = views;
    this.main = main;
    this.others = views.slice(1);
    this.draw(overlaid ? (views[0] ?? null) : main);
  }

  draw(view: View | null): void {
    const s = this.surface;
    s.clear();
    const summary = this.summary;
    if (!summary) return this.message(this.idle);
    if (summary.task === 'function') return this.message('No data: this problem is a 2-D test function (see the landscape).');
    if (view?.kind === 'boundary') return this.boundary(summary, view.grid);
    if (view?.kind === 'curve' || (!view && summary.points && summary.inputs === 1)) return this.curve(summary, view?.kind === 'curve' ? view : null);
    if (view?.kind === 'predicted') return this.predicted(view.actual, view.predicted);
    if (view?.kind === 'confusion') return this.confusion(view.classes, view.counts, summary.classes);
    if (summary.points && summary.inputs === 2) return this.points(summary, this.frameFor(summary));
    this.message('The picture appears after the first step.');
  }

  private message(text: string): void {
    const ctx = this.surface.ctx;
    ctx.fillStyle = this.surface.theme.muted;
    ctx.font = '13px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText(text, size / 2, size / 2, size - 20);
  }

  private frameFor(summary: RunSummary): Frame {
    const p = summary.points!;
    return new Frame(extent(p.x), extent(p.y), pad, 8, size - pad - 8, size - pad - 8);
  }

  private boundary(summary: RunSummary, grid: Grid): void {
    const f = new Frame(grid.x, grid.y, pad, 8, size - pad - 8, size - pad - 8);
    const rgba = new Uint8ClampedArray(grid.nx * grid.ny * 4);
    const multiclass = summary.classes.length > 2;
    // Regression surfaces are shown on the same two-colour scale, from their lowest to highest value.
    const [lo, hi] = summary.task === 'regression' ? extent(grid.values, 0) : [0, 1];
    for (let i = 0; i < grid.values.length; i++) {
      const v = (grid.values[i] - lo) / (hi - lo || 1);
      let c: [number, number, number];
      if (multiclass) {
        const hex = classColor(Math.round(v));
        c = [0, 2, 4].map((k) => Math.round(255 - (255 - parseInt(hex.slice(1 + k, 3 + k), 16)) * 0.35)) as [number, number, number];
      } else c = probabilityColor(v);
      rgba.set([c[0], c[1], c[2], 255], i * 4);
    }
    this.surface.image(toImage(rgba, grid.nx, grid.ny), f.left, f.top, f.w, f.hgt);
    if (summary.task !== 'regression') this.boundaryLine(grid, f, multiclass ? summary.classes.length : 2);
    this.points(summary, f);
  }

  // Where the predicted class changes: p = 0.5 for two classes, between class ids otherwise.
  private boundaryLine(grid: Grid, f: Frame, classes: number): void {
    const levels = classes === 2 ? [0.5] : Array.from({ length: classes - 1 }, (_, k) => k + 0.5);
    const segments = isoLines(grid.values, grid.nx, grid.ny, levels);
    const sx = f.w / (grid.nx - 1);
    const sy = f.hgt / (grid.ny - 1);
    const ctx = this.surface.ctx;
    ctx.beginPath();
    for (let k = 0; k < segments.length; k += 4) {
      ctx.moveTo(f.left + segments[k] * sx, f.top + f.hgt - segments[k + 1] * sy);
      ctx.lineTo(f.left + segments[k + 2] * sx, f.top + f.hgt - segments[k + 3] * sy);
    }
    ctx.strokeStyle = 'rgba(27, 31, 36, 0.75)';
    ctx.lineWidth = 1.4;
    ctx.stroke();
  }

  private points(summary: RunSummary, f: Frame): void {
    const p = summary.points;
    const ctx = this.surface.ctx;
    if (!p) return this.surface.axes(f, 'x₁', 'x₂');
    for (let i = 0; i < p.x.length; i++) {
      const x = f.px(p.x[i]);
      const y = f.py(p.y[i]);
      if (x < f.left || x > f.left + f.w || y < f.top || y > f.top + f.hgt) continue;
      ctx.beginPath();
      ctx.arc(x, y, 3, 0, 2 * Math.PI);
      const color = classColor(Math.round(p.label[i]));
      if (p.test[i]) {
        ctx.fillStyle = '#ffffff';
        ctx.fill();
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.5;
        ctx.stroke();
      } else {
        ctx.fillStyle = color;
        ctx.fill();
        ctx.strokeStyle = '#ffffff';
        ctx.lineWidth = 0.8;
        ctx.stroke();
      }
    }
    this.surface.axes(f, 'x₁', 'x₂');
  }

  // The scale follows the data and the first run's fit, so a diverging run leaves the frame instead
  // of squashing everything else.
  private curve(summary: RunSummary, view: { x: Float32Array; y: Float32Array } | null): void {
    const p = summary.points ?? { x: new Float32Array(), y: new Float32Array(), label: new Float32Array(), test: new Uint8Array() };
    const ys = view ? Float32Array.from([...p.y, ...view.y]) : p.y;
    const xs = view ? Float32Array.from([...p.x, ...view.x]) : p.x;
    const f = new Frame(extent(xs), extent(ys), pad, 8, size - pad - 8, size - pad - 8);
    const ctx = this.surface.ctx;
    for (let i = 0; i < p.x.length; i++) {
      ctx.beginPath();
      ctx.arc(f.px(p.x[i]), f.py(p.y[i]), 3, 0, 2 * Math.PI);
      ctx.fillStyle = p.test[i] ? '#ffffff' : '#3d4450';
      ctx.strokeStyle = '#3d4450';
      ctx.lineWidth = 1.2;
      ctx.fill();
      ctx.stroke();
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(f.left, f.top, f.w, f.hgt);
    ctx.clip();
    const fits: Array<[number, View | null]> = [[0, view ? { kind: 'curve', ...view } : null], ...this.others.map((v, i) => [i + 1, v] as [number, View | null])];
    for (const [index, fit] of fits.reverse()) {
      if (fit?.kind !== 'curve') continue;
      ctx.beginPath();
      for (let i = 0; i < fit.x.length; i++) {
        const x = f.px(fit.x[i]);
        const y = Math.max(-1e4, Math.min(1e4, f.py(fit.y[i])));
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.strokeStyle = runColor(index);
      ctx.lineWidth = 2.2;
      ctx.stroke();
    }
    ctx.restore();
    this.surface.axes(f, 'x', 'y');
  }

  private predicted(actual: Float32Array, predicted: Float32Array): void {
    const r = extent(Float32Array.from([...actual, ...predicted]));
    const f = new Frame(r, r, pad, 8, size - pad - 8, size - pad - 8);
    const ctx = this.surface.ctx;
    ctx.beginPath();
    ctx.moveTo(f.px(r[0]), f.py(r[0]));
    ctx.lineTo(f.px(r[1]), f.py(r[1]));
    ctx.strokeStyle = '#9aa3ad';
    ctx.setLineDash([4, 4]);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = 'rgba(0, 114, 178, 0.55)';
    for (let i = 0; i < actual.length; i++) {
      ctx.beginPath();
      ctx.arc(f.px(actual[i]), f.py(predicted[i]), 2.5, 0, 2 * Math.PI);
      ctx.fill();
    }
    this.surface.axes(f, 'actual', 'predicted');
  }

  private confusion(k: number, counts: number[], names: string[]): void {
    const ctx = this.surface.ctx;
    const left = 78;
    const top = 46;
    const cell = Math.min(56, (size - left - 10) / k);
    let max = 1;
    for (const c of counts) max = Math.max(max, c);
    ctx.font = '10px system-ui, sans-serif';
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const v = counts[i * k + j];
        const t = v / max;
        ctx.fillStyle = i === j ? `rgba(0, 158, 115, ${0.1 + 0.8 * t})` : `rgba(213, 94, 0, ${v ? 0.1 + 0.8 * t : 0.04})`;
        ctx.fillRect(left + j * cell, top + i * cell, cell - 1, cell - 1);
        if (cell >= 16) {
          ctx.fillStyle = t > 0.6 ? '#ffffff' : this.surface.theme.text;
          ctx.textAlign = 'center';
          ctx.fillText(String(v), left + j * cell + cell / 2, top + i * cell + cell / 2 + 3);
        }
      }
      ctx.fillStyle = this.surface.theme.muted;
      ctx.textAlign = 'right';
      ctx.fillText((names[i] ?? String(i)).slice(0, 10), left - 4, top + i * cell + cell / 2 + 3);
    }
    ctx.textAlign = 'left';
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.fillStyle = this.surface.theme.text;
    ctx.fillText('Confusion matrix', 8, 16);
    ctx.font = '10px system-ui, sans-serif';
    ctx.fillStyle = this.surface.theme.muted;
    ctx.textAlign = 'center';
    ctx.fillText('predicted class →', left + (k * cell) / 2, top - 8);
    ctx.save();
    ctx.translate(10, top + (k * cell) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText('actual class →', 0, 0);
    ctx.restore();
  }
}
