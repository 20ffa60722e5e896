// The search's results: a heatmap of two dimensions (colour = the metric, best cell outlined), a
// scatter of one dimension against the metric when a heatmap cannot show everything, and a sortable
// table. Every run can be opened in the playground or added to the race.
import type uPlot from 'uplot';
import { cancelDraw, withUPlot } from '../charts/uplot-lazy';
import { formatNumber } from '../format';
import { clear, field, h, select } from '../ui/dom';
import { themeOf } from '../ui/theme';
import { lrText } from './lr-chart';
import type { PoolRun } from './pool';
import { atEdge, bestRun, colour, colourScale, heatmap, metric, metricName, sortRuns, textOn } from './results-model';

export interface ResultActions {
  open(run: PoolRun): void;
  addToRace(run: PoolRun): string | null; // null when added, else why not
}

export function valueText(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : lrText(v);
  return String(v);
}

function num(v: number | null | undefined): string {
  return v === null || v === undefined ? '–' : formatNumber(v);
}

export class SearchResults {
  readonly el: HTMLElement;
  private runs: PoolRun[] = [];
  private dims: string[] = [];
  private ranged: string[] = []; // dimensions searched over a min–max range
  private regression = false;
  private sortKey = 'index';
  private ascending = true;
  private xSelect = select([], '', { 'aria-label': 'heatmap columns' });
  private ySelect = select([], '', { 'aria-label': 'heatmap rows' });
  private scatterSelect = select([], '', { 'aria-label': 'scatter dimension' });
  private heat = h('div', { class: 'heatmap', testid: 'search-heatmap', role: 'group', 'aria-label': 'heatmap of the metric over two dimensions' });
  private legend = h('div', { class: 'heat-legend' });
  private heatBox: HTMLElement;
  private scatterBox = h('div', { class: 'chart-plot' });
  private scatterFigure: HTMLElement;
  private scatter: uPlot | null = null;
  private table = h('table', { class: 'search-table', testid: 'search-table' });
  private openBest = h('button', { type: 'button', class: 'primary', testid: 'search-open-best', text: 'Open best', disabled: true });
  private note = h('p', { class: 'muted small', 'aria-live': 'polite' });

  constructor(private actions: ResultActions) {
    this.heatBox = h('figure', { class: 'heat-figure' },
      h('figcaption', {}, 'Heatmap ', h('span', { class: 'pair' }, field('columns', this.xSelect), field('rows', this.ySelect))),
      this.heat, this.legend);
    this.scatterFigure = h('figure', { class: 'chart scatter', hidden: true, testid: 'search-scatter' },
      h('figcaption', {}, 'Metric against ', this.scatterSelect), this.scatterBox);
    for (const s of [this.xSelect, this.ySelect]) s.addEventListener('change', () => this.drawHeatmap());
    this.scatterSelect.addEventListener('change', () => this.drawScatter(true));
    this.openBest.addEventListener('click', () => {
      const best = bestRun(this.runs);
      if (best) this.actions.open(best);
    });
    this.el = h('div', { class: 'search-results', hidden: true },
      h('div', { class: 'row' }, this.openBest, this.note),
      h('div', { class: 'result-pictures' }, this.heatBox, this.scatterFigure),
      h('div', { class: 'table-scroll search-table-box' }, this.table));
  }

  // A new search: its dimensions, in the order of the form.
  reset(runs: PoolRun[], dims: string[], ranged: string[], regression: boolean, random: boolean): void {
    this.runs = runs;
    this.dims = dims;
    this.ranged = ranged;
    this.regression = regression;
    this.sortKey = 'index';
    this.ascending = true;
    const options = (s: HTMLSelectElement, list: Array<[string, string]>, value: string) => {
      s.replaceChildren(...list.map(([v, t]) => h('option', { value: v, text: t })));
      s.value = value;
    };
    options(this.xSelect, dims.map((d) => [d, d]), dims[0]);
    options(this.ySelect, [['', '(none)'], ...dims.map((d) => [d, d] as [string, string])], dims[1] ?? '');
    options(this.scatterSelect, dims.map((d) => [d, d]), dims[0]);
    this.heatBox.hidden = random;
    this.scatterFigure.hidden = !(random || dims.length > 2);
    cancelDraw(this);
    this.scatter?.destroy();
    this.scatter = null;
    this.el.hidden = false;
    this.update();
  }

  update(): void {
    this.drawHeatmap();
    this.drawScatter(false);
    this.drawTable();
    const best = bestRun(this.runs);
    this.openBest.disabled = !best;
    const edges = atEdge(this.runs, this.ranged).map((e) => `${e.name} = ${valueText(e.value)} is the ${e.side === 'low' ? 'smallest' : 'largest'} value tried`);
    const edgeText = edges.length ? ` ${edges.join('; ')}: the best may lie beyond, so extend ${edges.length > 1 ? 'those ranges' : 'that range'}.` : '';
    this.note.textContent = best ? `Best so far: run ${best.line.index + 1} — ${this.dims.map((d) => `${d} = ${valueText(best.line.config[d])}`).join(', ')} (${metricName(this.runs)} ${num(metric(best.result))}).${edgeText}` : '';
  }

  private drawHeatmap(): void {
    if (this.heatBox.hidden) return;
    const xName = this.xSelect.value;
    const yName = this.ySelect.value === xName ? '' : this.ySelect.value;
    const map = heatmap(this.runs, xName, yName);
    const values = map.cells.map((c) => c.value).filter((v): v is number => v !== null);
    const scale = colourScale(values);
    const best = bestRun(this.runs);
    clear(this.heat);
    this.heat.style.gridTemplateColumns = `auto repeat(${map.xs.length}, minmax(3.2rem, 1fr))`;
    this.heat.append(h('div', { class: 'heat-corner', text: yName ? `${yName} ↓ · ${xName} →` : `${xName} →` }));
    for (const x of map.xs) this.heat.append(h('div', { class: 'heat-head', text: valueText(x) }));
    for (let y = 0; y < map.ys.length; y++) {
      this.heat.append(h('div', { class: 'heat-head row-head', text: yName ? valueText(map.ys[y]) : '' }));
      for (let x = 0; x < map.xs.length; x++) {
        const c = map.cells[y * map.xs.length + x];
        const b = h('button', { type: 'button', class: 'heat-cell' });
        if (c.value !== null) {
          const t = scale.t(c.value);
          b.style.background = colour(t);
          b.style.color = textOn(t);
          b.textContent = formatNumber(c.value, 3);
        } else if (c.diverged) {
          b.classList.add('diverged');
          b.textContent = 'diverged';
        } else if (c.filled) {
          b.classList.add('failed');
          b.textContent = c.runs.some((r) => r.status === 'failed') ? 'failed' : '–';
        } else b.textContent = c.runs.some((r) => r.status === 'running') ? '…' : '';
        if (c.filled) b.dataset.filled = 'true';
        if (best && c.best === best) b.classList.add('best');
        const label = `${xName} = ${valueText(map.xs[x])}${yName ? `, ${yName} = ${valueText(map.ys[y])}` : ''}`;
        b.title = c.value !== null ? `${label}: ${metricName(this.runs)} ${formatNumber(c.value)} — click to open this run` : `${label}: ${b.textContent || 'not run yet'}`;
        // The accessible name starts with the visible text (WCAG label in name).
        b.setAttribute('aria-label', `${b.textContent || 'empty'}: ${label}${c.value !== null ? `, ${metricName(this.runs)}` : ''}`);
        b.disabled = !c.best;
        b.addEventListener('click', () => c.best && this.actions.open(c.best));
        this.heat.append(b);
      }
    }
    const filled = map.cells.filter((c) => c.filled).length;
    this.heat.dataset.filled = String(filled);
    this.heat.dataset.total = String(map.cells.length);
    const more = this.dims.length > 2 || (this.dims.length === 2 && !yName);
    const stops = Array.from({ length: 11 }, (_, i) => `${colour(i / 10)} ${i * 10}%`).join(', ');
    const bar = h('span', { class: 'heat-bar' });
    bar.style.background = `linear-gradient(to right, ${stops})`;
    clear(this.legend);
    this.legend.append(
      h('span', { text: `${metricName(this.runs)} (lower is better${scale.log ? ', log colour scale' : ''}): ` }),
      h('span', { text: values.length ? formatNumber(scale.min, 3) : '–' }), bar, h('span', { text: values.length ? formatNumber(scale.max, 3) : '–' }),
      h('span', { class: 'heat-key best-key', text: 'best' }),
      h('span', { class: 'heat-key diverged', text: 'diverged' }),
      ...(more ? [h('span', { class: 'muted', text: ' Each cell shows the best run over the other dimensions.' })] : []));
  }

  private drawScatter(rebuild: boolean): void {
    if (this.scatterFigure.hidden) return;
    const name = this.scatterSelect.value;
    const done = this.runs.filter((r) => metric(r.result) !== null && !r.result!.diverged);
    const numeric = this.runs.every((r) => typeof r.line.config[name] === 'number');
    const categories = numeric ? [] : [...new Set(this.runs.map((r) => valueText(r.line.config[name])))];
    const xOf = (r: PoolRun) => (numeric ? (r.line.config[name] as number) : categories.indexOf(valueText(r.line.config[name])));
    const sorted = [...done].sort((a, b) => xOf(a) - xOf(b));
    const data: uPlot.AlignedData = [sorted.map(xOf), sorted.map((r) => metric(r.result))];
    const log = numeric && this.runs.every((r) => (r.line.config[name] as number) > 0) && name !== 'batch_size' && name !== 'hidden_units';
    withUPlot(this, (U) => {
      if (rebuild || !this.scatter) {
        this.scatter?.destroy();
        const t = themeOf(this.el);
        this.scatter = new U({
          width: Math.max(260, this.scatterBox.clientWidth || 420),
          height: 200,
          legend: { show: false },
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: false, distr: log ? 3 : 1, range: numeric ? undefined : () => [-0.5, categories.length - 0.5] }, y: { auto: true } },
          axes: [
            { label: name, labelSize: 14, size: 32, stroke: t.muted, grid: { stroke: t.soft }, splits: numeric ? undefined : () => categories.map((_, i) => i), values: (_u, splits) => splits.map((v) => (v === null || v === undefined ? '' : numeric ? lrText(v) : categories[v] ?? '')) },
            { stroke: t.muted, size: 52, grid: { stroke: t.soft }, values: (_u, splits) => splits.map((v) => (v === null || v === undefined ? '' : formatNumber(v, 3))) },
          ],
          series: [{}, { stroke: '#0072B2', fill: '#0072B2', paths: () => null, points: { show: true, size: 7, fill: '#0072B2' } }],
        }, data, this.scatterBox);
      } else this.scatter.setData(data);
    });
  }

  private drawTable(): void {
    const metricLabel = this.regression ? 'R²' : 'accuracy';
    const columns: Array<[string, string]> = [
      ['index', '#'],
      ...this.dims.map((d) => [`config.${d}`, d] as [string, string]),
      ['result.train_loss', 'train loss'],
      ['result.test_loss', 'test loss'],
      [this.regression ? 'result.test_r2' : 'result.test_accuracy', `test ${metricLabel}`],
      ['result.diverged_at', 'diverged at'],
    ];
    clear(this.table);
    const head = h('tr');
    for (const [key, label] of columns) {
      const sorted = this.sortKey === key;
      const button = h('button', { type: 'button', class: 'sort', text: `${label}${sorted ? (this.ascending ? ' ▲' : ' ▼') : ''}`, title: `sort by ${label}` });
      button.addEventListener('click', () => {
        this.ascending = sorted ? !this.ascending : true;
        this.sortKey = key;
        this.drawTable();
      });
      head.append(h('th', { 'aria-sort': sorted ? (this.ascending ? 'ascending' : 'descending') : undefined }, button));
    }
    head.append(h('th', { text: '' }));
    this.table.append(h('thead', {}, head));
    const body = h('tbody');
    const best = bestRun(this.runs);
    for (const r of sortRuns(this.runs, this.sortKey, this.ascending)) {
      const res = r.result;
      const score = res ? (this.regression ? res.test_r2 : res.test_accuracy) : null;
      const status = r.status === 'done' ? '' : r.status === 'running' ? `running ${Math.round(r.fraction * 100)}%` : r.status;
      const open = h('button', { type: 'button', class: 'small-button', text: 'Open', disabled: r.status !== 'done', title: 'load this run into the playground' });
      open.addEventListener('click', () => this.actions.open(r));
      const race = h('button', { type: 'button', class: 'small-button', text: 'Add to race', disabled: r.status !== 'done', title: 'add this run’s optimizer settings as another run of the race' });
      race.addEventListener('click', () => {
        const why = this.actions.addToRace(r);
        race.textContent = why ? 'Not added' : 'Added';
        race.title = why ?? 'added to the race';
      });
      const row = h('tr', { testid: 'search-row', 'data-index': r.line.index, 'data-config': JSON.stringify(r.line.config), 'data-status': r.status, class: [r === best ? 'best' : '', r.status].join(' ').trim() },
        h('td', { text: String(r.line.index + 1) }),
        ...this.dims.map((d) => h('td', { text: valueText(r.line.config[d]) })),
        h('td', { text: res ? num(res.train_loss) : status }),
        h('td', { text: res ? num(res.test_loss) : '' }),
        h('td', { text: res ? (score === null || score === undefined ? '–' : this.regression ? formatNumber(score, 3) : `${(score * 100).toFixed(1)}%`) : '' }),
        h('td', { class: res?.diverged ? 'warn' : '', text: res ? (res.diverged ? `step ${res.diverged_at ?? '?'}` : 'no') : '' }),
        h('td', {}, h('span', { class: 'actions' }, open, race)));
      if (r.error) row.title = r.error;
      if (r.status === 'failed') (row.children[this.dims.length + 1] as HTMLElement).textContent = `failed: ${r.error ?? ''}`;
      body.append(row);
    }
    this.table.append(body);
  }
}
