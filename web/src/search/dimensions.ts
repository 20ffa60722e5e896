// The search form's dimensions as typed (strings from the fields) and the search description they
// make (docs/search.md). Every mistake is reported before anything starts, naming the row and field.
import type { Search } from '../protocol';

export const dimensionNames = ['lr', 'batch_size', 'optimizer', 'momentum', 'beta1', 'beta2', 'weight_decay', 'schedule', 'hidden_units'] as const;

export interface DimensionRow {
  name: string;
  mode: 'list' | 'range';
  list: string; // comma-separated values
  min: string;
  max: string;
  count: string;
  scale: 'log' | 'linear';
}

export interface SearchForm {
  method: 'grid' | 'random';
  rows: DimensionRow[];
  runs: string; // random only
  seed: string; // random only
  budget: string; // steps or epochs per run
  unit: 'steps' | 'epochs';
}

export class SearchFormError extends Error {}

const maxRuns = 10000;

function short(x: number): string {
  return String(Number(x.toPrecision(2)));
}

// What a newly chosen dimension starts with: around the current value where there is one.
export function defaultRow(name: string, lr = 0.01): DimensionRow {
  const row: DimensionRow = { name, mode: 'list', list: '', min: '', max: '', count: '3', scale: 'log' };
  switch (name) {
    case 'lr':
      return { ...row, mode: 'range', min: short(lr / 10), max: short(lr * 10), count: '3', scale: 'log' };
    case 'batch_size':
      return { ...row, list: '16, 32, 64' };
    case 'optimizer':
      return { ...row, list: 'sgd, adam, rmsprop' };
    case 'momentum':
      return { ...row, list: '0, 0.5, 0.9' };
    case 'beta1':
      return { ...row, list: '0.8, 0.9, 0.95' };
    case 'beta2':
      return { ...row, list: '0.99, 0.999' };
    case 'weight_decay':
      return { ...row, mode: 'range', min: '1e-5', max: '1e-2', count: '4', scale: 'log' };
    case 'schedule':
      return { ...row, list: 'none, cosine, step' };
    case 'hidden_units':
      return { ...row, list: '4, 8, 16' };
    default:
      return row;
  }
}

// The Done-when default: lr on a log range around the current (or suggested) lr × three batch sizes.
export function defaultForm(lr: number, budget: number, unit: SearchForm['unit']): SearchForm {
  return { method: 'grid', rows: [defaultRow('lr', lr), defaultRow('batch_size')], runs: '20', seed: '0', budget: String(budget), unit };
}

function number(text: string, where: string): number {
  const t = text.trim();
  const v = Number(t);
  if (t === '' || !Number.isFinite(v)) throw new SearchFormError(`${where}: expected a number, got “${text}”`);
  return v;
}

function listValues(row: DimensionRow): unknown[] {
  const tokens = row.list.split(/[\s,;]+/).filter(Boolean);
  if (!tokens.length) throw new SearchFormError(`${row.name}: give at least one value (comma-separated)`);
  return tokens.map((t) => {
    if (row.name === 'schedule' && t === 'none') return null;
    const v = Number(t);
    return t !== '' && Number.isFinite(v) ? v : t;
  });
}

function range(row: DimensionRow, method: SearchForm['method']): { values: Search['params'][string]; count: number } {
  const min = number(row.min, `${row.name} min`);
  const max = number(row.max, `${row.name} max`);
  if (min > max) throw new SearchFormError(`${row.name}: min (${min}) is larger than max (${max})`);
  if (row.scale === 'log' && min <= 0) throw new SearchFormError(`${row.name}: a log range needs min > 0 (got ${min}); use a linear range to include 0`);
  // A random search samples the range: it has no points to count.
  if (method === 'random') return { values: { min, max, scale: row.scale }, count: 1 };
  const count = number(row.count, `${row.name} count`);
  if (!Number.isInteger(count) || count < 1 || count > maxRuns) throw new SearchFormError(`${row.name} count: expected a whole number from 1 to ${maxRuns}, got ${row.count}`);
  if (method === 'grid' && count === 1 && min !== max) throw new SearchFormError(`${row.name}: one point needs min = max; use a count of 2 or more for a range`);
  return { values: { min, max, count, scale: row.scale }, count };
}

export interface BuiltSearch {
  search: Search;
  total: number; // runs the search will make
  budget: number;
}

export function buildSearch(form: SearchForm): BuiltSearch {
  if (!form.rows.length) throw new SearchFormError('Add at least one dimension to search over.');
  const params: Search['params'] = {};
  let combos = 1;
  for (const row of form.rows) {
    if (row.name in params) throw new SearchFormError(`${row.name} appears twice: keep one row per dimension`);
    if (row.mode === 'list') {
      const values = listValues(row);
      params[row.name] = values;
      combos *= values.length;
    } else {
      const r = range(row, form.method);
      params[row.name] = r.values;
      combos *= r.count;
    }
  }
  const per = form.unit === 'epochs' ? 'Epochs per run' : 'Steps per run';
  const budget = number(form.budget, per);
  if (!Number.isInteger(budget) || budget < 1 || budget > 1_000_000) throw new SearchFormError(`${per}: expected a whole number from 1 to 1000000, got ${form.budget}`);
  if (form.method === 'random') {
    const runs = number(form.runs, 'Runs');
    if (!Number.isInteger(runs) || runs < 1 || runs > maxRuns) throw new SearchFormError(`Runs: expected a whole number from 1 to ${maxRuns}, got ${form.runs}`);
    const seed = number(form.seed, 'Seed');
    if (!Number.isInteger(seed) || seed < 0) throw new SearchFormError(`Seed: expected a whole number ≥ 0, got ${form.seed}`);
    return { search: { method: 'random', runs, seed, params }, total: runs, budget };
  }
  if (combos > maxRuns) throw new SearchFormError(`The grid has ${combos} combinations; at most ${maxRuns} — use fewer values or a random search`);
  return { search: { method: 'grid', params }, total: combos, budget };
}
