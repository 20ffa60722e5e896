// The search's form: grid or random, one row per dimension (a list of values or a min–max range),
// the budget per run, and the total number of runs, checked as the learner types.
import { clear, field, h, numberInput, select } from '../ui/dom';
import { buildSearch, defaultRow, dimensionNames, type BuiltSearch, type DimensionRow, type SearchForm } from './dimensions';

export interface SearchFormView {
  el: HTMLElement;
  form: SearchForm;
  // The search as the form stands, or the reason it cannot start (also shown under the form).
  check(): BuiltSearch | null;
  setLr(lr: number): void;
  setDefaults(lr: number, budget: number, unit: SearchForm['unit']): void;
}

const dimensionTitles: Record<string, string> = {
  lr: 'lr',
  batch_size: 'batch_size',
  optimizer: 'optimizer',
  momentum: 'momentum',
  beta1: 'beta1 (betas[0])',
  beta2: 'beta2 (betas[1])',
  weight_decay: 'weight_decay',
  schedule: 'schedule',
  hidden_units: 'hidden_units',
};

export function searchForm(initial: SearchForm, onChange: () => void): SearchFormView {
  const form = initial;
  let lrTouched = false;
  let budgetTouched = false;
  const method = select([['grid', 'Grid (every combination)'], ['random', 'Random (sampled configs)']], form.method, { testid: 'search-method' });
  const rowsEl = h('div', { class: 'search-dims' });
  const add = h('button', { type: 'button', class: 'secondary', text: '+ Dimension' });
  const runs = numberInput(Number(form.runs), { min: 1, max: 10000, step: 1, testid: 'search-runs' });
  const seed = numberInput(Number(form.seed), { min: 0, step: 1 });
  const budget = numberInput(Number(form.budget), { min: 1, step: 1, testid: 'search-budget' });
  const methodField = field('Method', method);
  methodField.classList.add('method');
  const budgetField = field('Steps per run', budget);
  const randomFields = h('div', { class: 'row' }, field('Runs', runs, 'number of sampled configurations'), field('Sampling seed', seed));
  const count = h('p', { class: 'search-count', testid: 'search-run-count', 'aria-live': 'polite' });
  const error = h('p', { class: 'search-error', testid: 'search-error', role: 'alert', hidden: true });

  const changed = () => {
    check();
    onChange();
  };

  function rowEl(row: DimensionRow, i: number): HTMLElement {
    const name = select(dimensionNames.map((n) => [n, dimensionTitles[n]]), row.name, { 'aria-label': `dimension ${i + 1}` });
    name.addEventListener('change', () => {
      const lr = Number(form.rows.find((r) => r.name === 'lr')?.min ?? 0.001) * 10;
      form.rows[i] = defaultRow(name.value, lr);
      render();
    });
    const mode = select([['list', 'values'], ['range', 'range']], row.mode, { 'aria-label': `dimension ${i + 1} kind` });
    mode.addEventListener('change', () => {
      row.mode = mode.value as DimensionRow['mode'];
      render();
    });
    const remove = h('button', { type: 'button', class: 'icon', text: '×', title: 'remove this dimension', 'aria-label': `remove dimension ${i + 1}` });
    remove.addEventListener('click', () => {
      form.rows.splice(i, 1);
      render();
    });
    const text = (key: 'list' | 'min' | 'max' | 'count', label: string, attrs: Record<string, string> = {}) => {
      const input = h('input', { type: 'text', 'aria-label': `${row.name} ${label}`, class: `dim-${key}`, ...attrs });
      input.value = row[key];
      input.addEventListener('input', () => {
        row[key] = input.value;
        if (row.name === 'lr') lrTouched = true;
        changed();
      });
      return input;
    };
    let values: HTMLElement;
    if (row.mode === 'list') values = h('div', { class: 'dim-values' }, text('list', 'values', { placeholder: 'comma-separated, e.g. 16, 32, 64' }));
    else {
      const scale = select([['log', 'log'], ['linear', 'linear']], row.scale, { 'aria-label': `${row.name} scale` });
      scale.addEventListener('change', () => {
        row.scale = scale.value as DimensionRow['scale'];
        changed();
      });
      values = h('div', { class: 'dim-values range' },
        h('label', { class: 'inline' }, 'min ', text('min', 'min')),
        h('label', { class: 'inline' }, 'max ', text('max', 'max')),
        form.method === 'grid' ? h('label', { class: 'inline' }, 'points ', text('count', 'count', { inputmode: 'numeric' })) : null,
        scale);
    }
    return h('div', { class: 'search-dim' }, name, mode, values, remove);
  }

  function render(): void {
    clear(rowsEl);
    form.rows.forEach((r, i) => rowsEl.appendChild(rowEl(r, i)));
    randomFields.hidden = form.method !== 'random';
    add.disabled = form.rows.length >= dimensionNames.length;
    (budgetField.querySelector('label') as HTMLElement).textContent = form.unit === 'epochs' ? 'Epochs per run' : 'Steps per run';
    changed();
  }

  method.addEventListener('change', () => {
    form.method = method.value as SearchForm['method'];
    render();
  });
  add.addEventListener('click', () => {
    const next = dimensionNames.find((n) => !form.rows.some((r) => r.name === n));
    if (next) form.rows.push(defaultRow(next));
    render();
  });
  runs.addEventListener('input', () => {
    form.runs = runs.value;
    changed();
  });
  seed.addEventListener('input', () => {
    form.seed = seed.value;
    changed();
  });
  budget.addEventListener('input', () => {
    form.budget = budget.value;
    budgetTouched = true;
    changed();
  });

  function check(): BuiltSearch | null {
    try {
      const built = buildSearch(form);
      error.hidden = true;
      count.textContent = `${built.total} run${built.total === 1 ? '' : 's'} of ${built.budget} ${form.unit === 'epochs' ? 'epochs' : 'steps'}`;
      return built;
    } catch (e) {
      error.textContent = (e as Error).message;
      error.hidden = false;
      count.textContent = 'no runs: fix the search first';
      return null;
    }
  }

  const el = h('div', { class: 'search-form' },
    h('div', { class: 'row' }, methodField, budgetField),
    randomFields,
    h('div', { class: 'label', text: 'Dimensions' }),
    rowsEl,
    h('div', { class: 'row' }, add),
    count,
    error);
  render();

  return {
    el,
    form,
    check,
    setLr(lr) {
      const i = form.rows.findIndex((r) => r.name === 'lr');
      if (i >= 0) form.rows[i] = defaultRow('lr', lr);
      else form.rows.unshift(defaultRow('lr', lr));
      lrTouched = true;
      render();
    },
    // Follows the experiment (its lr and length) until the learner edits those fields.
    setDefaults(lr, steps, unit) {
      const unitChanged = unit !== form.unit;
      form.unit = unit;
      if (!budgetTouched || unitChanged) {
        form.budget = String(steps);
        budget.value = form.budget;
      }
      const i = form.rows.findIndex((r) => r.name === 'lr');
      if (!lrTouched && i >= 0) form.rows[i] = defaultRow('lr', lr);
      render();
    },
  };
}
