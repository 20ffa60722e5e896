// The LR range test's curve: batch loss (light) and smoothed loss (bold) against lr on a log axis,
// with a vertical marker at each suggestion. The y range follows the useful part of the curve, so the
// exploded tail does not flatten everything before it.
import type uPlot from 'uplot';
import { drawMarkers } from '../charts/markers';
import { cancelDraw, withUPlot } from '../charts/uplot-lazy';
import { formatNumber } from '../format';
import { h } from '../ui/dom';
import { themeOf } from '../ui/theme';

export interface Marker {
  lr: number;
  label: string;
  color: string;
}

export function lrText(lr: number): string {
  if (lr >= 0.01 && lr < 100) return String(Number(lr.toPrecision(2)));
  const [mantissa, exponent] = lr.toExponential(1).split('e');
  return `${Number(mantissa)}e${Number(exponent)}`;
}

// Low end: the lowest loss; high end: the start of the smoothed curve with some room, unless the
// losses never go that high.
export function yRange(losses: number[], smoothed: number[]): [number, number] {
  const finite = (a: number[]) => a.filter((v) => Number.isFinite(v));
  const all = finite([...losses, ...smoothed]);
  if (!all.length) return [0, 1];
  const lo = Math.min(...all);
  const s = finite(smoothed);
  const start = s.length ? Math.max(...s.slice(0, Math.max(1, Math.ceil(s.length / 10)))) : Math.max(...all);
  const hi = Math.min(Math.max(...all), lo + (start - lo) * 1.6);
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
  return [lo - pad, hi + pad];
}

export function powersOfTen(min: number, max: number): number[] {
  const out: number[] = [];
  if (!(min > 0) || !(max >= min)) return out;
  for (let e = Math.ceil(Math.log10(min) - 1e-9); e <= Math.floor(Math.log10(max) + 1e-9); e++) out.push(Number(`1e${e}`));
  return out;
}

export class LrChart {
  readonly el: HTMLElement;
  private plot: uPlot | null = null;
  private box = h('div', { class: 'chart-plot' });
  private markers: Marker[] = [];
  private range: [number, number] = [0, 1];
  private width = 480;

  constructor(testid: string) {
    this.el = h('figure', { class: 'chart lr-chart', testid }, h('figcaption', { text: 'Loss against learning rate' }), this.box);
    new ResizeObserver((entries) => {
      const w = Math.floor(entries[0].contentRect.width);
      if (w > 0 && w !== this.width) {
        this.width = w;
        this.plot?.setSize({ width: w, height: 220 });
      }
    }).observe(this.box);
  }

  update(lrs: number[], losses: number[], smoothed: number[], markers: Marker[] = []): void {
    this.markers = markers;
    this.range = yRange(losses, smoothed);
    const clean = (a: number[]) => a.map((v) => (v === null || !Number.isFinite(v) ? null : v));
    const data: uPlot.AlignedData = [lrs, clean(losses), clean(smoothed)];
    withUPlot(this, (U) => {
      if (!this.plot) this.plot = new U(this.options(), data, this.box);
      else this.plot.setData(data);
    });
  }

  private options(): uPlot.Options {
    const t = themeOf(this.el);
    const panel = t.panel;
    const value = (_u: uPlot, v: number | null) => (v === null || v === undefined ? '–' : formatNumber(v));
    return {
      width: this.width,
      height: 220,
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      legend: { live: true },
      scales: { x: { time: false, distr: 3, range: (_u, min, max) => [min, max] }, y: { range: () => this.range } },
      axes: [
        {
          label: 'learning rate (log scale)',
          labelSize: 14,
          size: 32,
          stroke: t.muted,
          grid: { stroke: t.soft },
          ticks: { stroke: t.line },
          // Only powers of ten: the minor lines of a log axis over seven decades are a grey wash.
          splits: (_u, _axis, min, max) => powersOfTen(min, max),
          values: (_u, splits) => splits.map((v) => (v === null || v === undefined ? '' : lrText(v))),
        },
        { stroke: t.muted, size: 52, grid: { stroke: t.soft }, ticks: { stroke: t.line }, values: (_u, splits) => splits.map((v) => (v === null || v === undefined ? '' : formatNumber(v, 3))) },
      ],
      series: [
        { label: 'lr', value: (_u, v) => (v === null ? '–' : lrText(v)) },
        { label: 'batch loss', stroke: '#9ab8d6', width: 1, points: { show: false }, spanGaps: false, value },
        { label: 'smoothed', stroke: '#0072B2', width: 2.4, points: { show: false }, spanGaps: false, value },
      ],
      hooks: {
        draw: [(u) => drawMarkers(u.ctx, this.markers.map((m) => ({ ...m, x: Math.round(u.valToPos(m.lr, 'x', true)) })), u.bbox, panel, devicePixelRatio)],
      },
    };
  }

  canvas(): HTMLCanvasElement | null {
    return this.box.querySelector('canvas');
  }

  destroy(): void {
    cancelDraw(this);
    this.plot?.destroy();
    this.plot = null;
  }
}
