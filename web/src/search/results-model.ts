// What the results show, computed from the runs alone (no DOM): the metric, the best run, the order
// of the table, and the heatmap's cells for two dimensions.
import type { SweepResult } from '../protocol';
import type { PoolRun } from './pool';

// Lower is better: the test loss, or the train loss when there is no test set.
export function metric(r: SweepResult | null): number | null {
  if (!r) return null;
  return r.test_loss ?? r.train_loss;
}

export function metricName(runs: PoolRun[]): string {
  const withTest = runs.some((r) => r.result && r.result.test_loss !== null);
  return withTest ? 'test loss' : 'train loss';
}

// The finished, not diverged run with the lowest metric.
export function bestRun(runs: PoolRun[]): PoolRun | null {
  let best: PoolRun | null = null;
  for (const r of runs) {
    const m = metric(r.result);
    if (r.status !== 'done' || r.result?.diverged || m === null) continue;
    if (!best || m < metric(best.result)!) best = r;
  }
  return best;
}

// A sortable value of a column: a config dimension ("config.lr") or a result field ("result.test_loss").
export function cell(run: PoolRun, key: string): unknown {
  const [where, name] = key.split(/\.(.*)/s);
  if (where === 'config') return run.line.config[name];
  if (where === 'result') return run.result ? (run.result as unknown as Record<string, unknown>)[name] : null;
  return run.line.index;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return String(a).localeCompare(String(b));
}

// Sorted copy; missing values (runs not finished, null metrics) always last.
export function sortRuns(runs: PoolRun[], key: string, ascending: boolean): PoolRun[] {
  const missing = (v: unknown) => v === null || v === undefined;
  return [...runs].sort((x, y) => {
    const a = cell(x, key);
    const b = cell(y, key);
    if (missing(a) || missing(b)) return missing(a) === missing(b) ? x.line.index - y.line.index : missing(a) ? 1 : -1;
    const c = compare(a, b);
    return (ascending ? c : -c) || x.line.index - y.line.index;
  });
}

// The distinct values of a dimension, in plan order (numbers ascending).
export function dimensionValues(runs: PoolRun[], name: string): unknown[] {
  const seen = new Map<string, unknown>();
  for (const r of runs) seen.set(JSON.stringify(r.line.config[name] ?? null), r.line.config[name] ?? null);
  const values = [...seen.values()];
  return values.every((v) => typeof v === 'number') ? (values as number[]).sort((a, b) => a - b) : values;
}

export interface HeatCell {
  x: number; // column index
  y: number; // row index
  runs: PoolRun[]; // every run with these two values (the other dimensions vary)
  best: PoolRun | null; // the one shown: lowest metric among them
  value: number | null;
  diverged: boolean; // every finished run of the cell diverged
  filled: boolean; // at least one run of the cell has finished
}

export interface Heatmap {
  xs: unknown[];
  ys: unknown[];
  cells: HeatCell[]; // row-major, y outer
}

export function heatmap(runs: PoolRun[], xName: string, yName: string): Heatmap {
  const xs = dimensionValues(runs, xName);
  const ys = yName ? dimensionValues(runs, yName) : [null];
  const key = (v: unknown) => JSON.stringify(v ?? null);
  const xi = new Map(xs.map((v, i) => [key(v), i]));
  const yi = new Map(ys.map((v, i) => [key(v), i]));
  const cells: HeatCell[] = [];
  for (let y = 0; y < ys.length; y++) for (let x = 0; x < xs.length; x++) cells.push({ x, y, runs: [], best: null, value: null, diverged: false, filled: false });
  for (const r of runs) {
    const c = cells[yi.get(key(yName ? r.line.config[yName] : null))! * xs.length + xi.get(key(r.line.config[xName]))!];
    c.runs.push(r);
  }
  for (const c of cells) {
    const finished = c.runs.filter((r) => r.status === 'done' || r.status === 'failed');
    c.filled = finished.length > 0;
    c.best = bestRun(c.runs);
    c.value = c.best ? metric(c.best.result) : null;
    c.diverged = c.filled && !c.best && finished.some((r) => r.result?.diverged);
  }
  return { xs, ys, cells };
}

// Maps metric values to 0..1 (0 = best): on a log scale when they span more than a factor of 5.
export function colourScale(values: number[]): { t: (v: number) => number; log: boolean; min: number; max: number } {
  const finite = values.filter((v) => Number.isFinite(v));
  if (!finite.length) return { t: () => 0, log: false, min: 0, max: 0 };
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const log = min > 0 && max / min > 5;
  const f = (v: number) => (log ? Math.log(v) : v);
  const span = f(max) - f(min);
  return { t: (v) => (span > 0 ? Math.min(1, Math.max(0, (f(v) - f(min)) / span)) : 0), log, min, max };
}

// Viridis, reversed so that the best (t = 0) is the bright yellow end and bad runs are dark.
const stops = [
  [253, 231, 37],
  [94, 201, 98],
  [33, 145, 140],
  [59, 82, 139],
  [68, 1, 84],
];

export function colour(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const c = stops[i].map((v, k) => Math.round(v + (stops[i + 1][k] - v) * f));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

// Text on a cell: dark on the bright end of the scale, white on the dark end.
export function textOn(t: number): string {
  return t < 0.55 ? '#1b1f24' : '#ffffff';
}

// Numeric dimensions whose best value is the first or last of three or more: the optimum may lie
// beyond the range searched.
export function atEdge(runs: PoolRun[], dims: string[]): Array<{ name: string; value: number; side: 'low' | 'high' }> {
  const best = bestRun(runs);
  if (!best) return [];
  const out: Array<{ name: string; value: number; side: 'low' | 'high' }> = [];
  for (const name of dims) {
    const values = dimensionValues(runs, name);
    const v = best.line.config[name];
    if (values.length < 3 || typeof v !== 'number' || !values.every((x) => typeof x === 'number')) continue;
    if (v === values[0]) out.push({ name, value: v, side: 'low' });
    else if (v === values[values.length - 1]) out.push({ name, value: v, side: 'high' });
  }
  return out;
}
