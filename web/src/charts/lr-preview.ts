// A small plot of lr against step for one schedule, drawn before any training happens.
import type uPlot from 'uplot';
import { formatNumber } from '../format';
import { h } from '../ui/dom';
import { themeOf } from '../ui/theme';
import { cancelDraw, withUPlot, type UPlot } from './uplot-lazy';

export class LrPreview {
  readonly el = h('div', { class: 'lr-preview', role: 'img', 'aria-label': 'learning rate against step' });
  private plot: uPlot | null = null;
  private color: string;

  constructor(color: string) {
    this.color = color;
  }

  set(lrs: number[]): void {
    withUPlot(this, (U) => this.draw(U, lrs));
  }

  private draw(U: UPlot, lrs: number[]): void {
    const x = lrs.map((_, i) => i);
    const data: uPlot.AlignedData = [x, lrs];
    if (!this.plot) {
      const t = themeOf(this.el);
      this.plot = new U(
        {
          width: 260,
          height: 90,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: false } },
          axes: [
            { size: 22, stroke: t.muted, grid: { show: false }, ticks: { size: 3 }, font: '10px system-ui' },
            { size: 44, stroke: t.muted, grid: { stroke: t.soft }, ticks: { size: 3 }, font: '10px system-ui', values: (_u, v) => v.map((t) => (t === null || t === undefined ? '' : formatNumber(t, 2))) },
          ],
          series: [{}, { stroke: this.color, width: 1.6, points: { show: false } }],
        },
        data,
        this.el,
      );
    } else this.plot.setData(data);
  }

  destroy(): void {
    cancelDraw(this);
    this.plot?.destroy();
  }
}
