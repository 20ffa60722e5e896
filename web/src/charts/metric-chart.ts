// One live metric over steps, one line per run (optionally a dashed companion, e.g. test loss), and
// labelled markers at given steps. uPlot draws it; the hover legend shows the step and each run's value.
import type uPlot from 'uplot';
import { alignSeries } from './align';
import { cappedLogExtent, logTicks, scoreRange } from './axes';
import { drawMarkers } from './markers';
import { cancelDraw, withUPlot, type UPlot } from './uplot-lazy';
import { formatNumber } from '../format';
import { h } from '../ui/dom';
import { themeOf } from '../ui/theme';

export interface Line {
  label: string;
  color: string;
  dash?: boolean;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface StepMarker {
  step: number;
  label: string;
  color: string;
}

const maxPoints = 400; // a chart is ~300 px wide: more points only cost time

export class MetricChart {
  readonly el: HTMLElement;
  private plot: uPlot | null = null;
  private signature = '';
  private plotBox: HTMLElement;
  private emptyNote: HTMLElement; // an empty chart says why it is empty
  private width = 320;
  private markers: StepMarker[] = [];
  log: boolean;

  // A score chart's lowest value shown: 0 for accuracy, −1 for R² (anything lower is off the chart).
  scoreFloor: number | null = null;

  constructor(readonly title: string, private opts: { log?: boolean; height?: number; testid?: string } = {}) {
    this.log = opts.log ?? false;
    this.plotBox = h('div', { class: 'chart-plot' });
    this.emptyNote = h('p', { class: 'chart-empty', text: 'Nothing to draw yet: press ▶ Play.' });
    this.el = h('figure', { class: 'chart', testid: opts.testid }, h('figcaption', { text: title }), this.plotBox, this.emptyNote);
    new ResizeObserver((entries) => {
      const w = Math.floor(entries[0].contentRect.width);
      if (w > 0 && w !== this.width) {
        this.width = w;
        this.plot?.setSize({ width: w, height: this.height() });
      }
    }).observe(this.plotBox);
  }

  get toolbar(): HTMLElement {
    return this.el.querySelector('figcaption') as HTMLElement;
  }

  private height(): number {
    return this.opts.height ?? 170;
  }

  setLog(on: boolean): void {
    this.log = on;
    this.signature = '';
  }

  update(lines: Line[], markers: StepMarker[] = []): void {
    this.markers = markers;
    this.note(lines);
    withUPlot(this, (U) => this.draw(U, lines));
  }

  // The empty note alone, for a chart whose drawing waits (out of view while runs play).
  note(lines: Line[]): void {
    const empty = !lines.some((l) => l.y.length > 0);
    if (this.emptyNote.hidden !== !empty) this.emptyNote.hidden = !empty;
  }

  get saysEmpty(): boolean {
    return !this.emptyNote.hidden;
  }

  private draw(U: UPlot, lines: Line[]): void {
    const data = alignSeries(lines, maxPoints, this.log) as uPlot.AlignedData;
    const signature = lines.map((l) => `${l.label}|${l.color}|${l.dash ?? false}`).join(';') + `|${this.log}`;
    if (signature !== this.signature || !this.plot) {
      this.signature = signature;
      this.plot?.destroy();
      // uPlot can arrive between a resize and the observer's report of it: take the width as it is now.
      this.width = this.plotBox.clientWidth || this.width;
      this.plot = new U(this.options(U, lines), data, this.plotBox);
    } else this.plot.setData(data);
  }

  private options(U: UPlot, lines: Line[]): uPlot.Options {
    const t = themeOf(this.el);
    const logFilter = (_u: uPlot, splits: number[]) => logTicks(splits);
    const value = (_u: uPlot, v: number | null) => (v === null || v === undefined ? '–' : formatNumber(v));
    return {
      width: this.width,
      height: this.height(),
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      legend: { live: true },
      scales: {
        x: { time: false },
        y: this.log ? { distr: 3, range: (_u, min, max) => U.rangeLog(...cappedLogExtent(min, max), 10, false) } : this.scoreFloor === null ? { auto: true } : { range: (_u, min, max) => scoreRange(min, max, this.scoreFloor ?? 0) },
      },
      axes: [
        { label: 'step', labelSize: 14, size: 30, stroke: t.muted, grid: { stroke: t.soft }, ticks: { stroke: t.line } },
        {
          stroke: t.muted,
          size: 56,
          // A log axis labels powers of ten only: one digit says it ("1e18", not "1.00e18").
          values: (_u, splits) => splits.map((v) => (v === null || v === undefined ? '' : formatNumber(v, this.log ? 1 : 3))),
          // uPlot takes a filter key that is present but undefined as a broken filter: set it or leave it out.
          ...(this.log
            ? { grid: { stroke: t.soft, filter: logFilter }, ticks: { stroke: t.line, filter: logFilter }, filter: logFilter }
            : { grid: { stroke: t.soft }, ticks: { stroke: t.line } }),
        },
      ],
      hooks: { draw: [(u) => this.drawMarkers(u, t.panel)] },
      series: [
        { label: 'step', value: (_u, v) => (v === null ? '–' : String(v)) },
        ...lines.map((l) => ({
          label: l.label,
          stroke: l.color,
          width: 1.6,
          dash: l.dash ? [5, 4] : undefined,
          spanGaps: true,
          points: { show: false },
          value,
        })),
      ],
    };
  }

  // Kept inside the plot: a run can diverge at step 0, left of the first step drawn.
  private drawMarkers(u: uPlot, panel: string): void {
    if (!this.markers.length) return;
    const { left, width } = u.bbox;
    const placed = this.markers.map((m) => ({ ...m, x: Math.min(Math.max(Math.round(u.valToPos(m.step, 'x', true)), left), left + width) }));
    drawMarkers(u.ctx, placed, u.bbox, panel, devicePixelRatio);
  }

  canvas(): HTMLCanvasElement | null {
    return this.plotBox.querySelector('canvas');
  }

  destroy(): void {
    cancelDraw(this);
    this.plot?.destroy();
    this.plot = null;
  }
}
