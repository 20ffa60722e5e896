// Data: built-in sets (with thumbnails), bundled real sets, an uploaded/dropped/pasted CSV with a
// preview and column roles, or a 2-D test function; split, noise, size and seed.
import { previewCsv } from '../csv/preview';
import { bundledSources, defaultLoss, isRegression, type DataConfig } from '../state/types';
import { clear, field, h, numberInput, section, select, uid } from '../ui/dom';
import type { PanelContext } from './context';
import { thumbnail, thumbnailSources } from './thumbnails';

// Short enough to show whole in the Data set dropdown of the controls column.
const titles: Record<string, string> = {
  circle: 'Circle',
  xor: 'Exclusive or',
  gauss: 'Two Gaussians',
  spiral: 'Spiral',
  plane: 'Plane (regression)',
  multi_gauss: 'Gaussian bumps (regression)',
  five_points: 'Five points (tutorial)',
  linear: 'Line with noise',
  sine: 'Sine wave',
  iris: 'Iris flowers (150 × 4, 3 classes)',
  digits: 'Digits (1797 × 64, 10 classes)',
  diabetes: 'Diabetes (442 × 10, regression)',
  csv: 'Your CSV',
};

const maxCsvBytes = 50 * 1024 * 1024;

// Each source accepts only its own fields (docs/schema/data.schema.json).
function dataDefaults(source: string, seed: number, lastColumn?: string): DataConfig {
  if (source === 'five_points') return { source };
  if (source === 'csv') return { source, target: lastColumn, task: 'auto', test_fraction: 0.2, seed };
  if (bundledSources.includes(source)) return { source, test_fraction: 0.2, seed };
  if (source === 'linear') return { source, n: 120, noise: 1, test_fraction: 0.2, seed };
  if (source === 'sine') return { source, n: 200, noise: 0.1, test_fraction: 0.2, seed };
  return { source, n: 400, noise: 0.1, test_fraction: 0.3, seed };
}

const noiseMax: Record<string, number> = { linear: 10, sine: 1 };

export function dataPanel(ctx: PanelContext): { el: HTMLElement; render(): void; setNotes(notes: string[], task?: string | null): void } {
  const body = h('div');
  const notes = h('ul', { class: 'notes', 'aria-live': 'polite' });
  const el = section('Data', body, notes);

  function chooseSource(value: string): void {
    ctx.store.update((s) => {
      if (value.startsWith('fn:')) {
        const name = value.slice(3);
        const entry = ctx.catalog.functions.find((f) => f.name === name);
        s.problem = 'function';
        s.fn = { name, x0: entry ? [...entry.x0] : s.fn.x0 };
        return;
      }
      s.problem = 'data';
      s.data = dataDefaults(value, s.data.seed ?? 1, ctx.csv?.preview.header.at(-1));
      s.loss = defaultLoss();
    });
    render();
  }

  function sourceSelect(): HTMLSelectElement {
    const s = ctx.store.state;
    const sel = h('select', { testid: 'dataset', id: uid('dataset') });
    const group = (label: string, items: Array<[string, string]>) => {
      const g = h('optgroup', { label });
      for (const [v, t] of items) g.appendChild(h('option', { value: v, text: t }));
      sel.appendChild(g);
    };
    group('Classification, 2 inputs', ['circle', 'xor', 'gauss', 'spiral'].map((v) => [v, titles[v]]));
    group('Regression', ['plane', 'multi_gauss', 'five_points', 'linear', 'sine'].map((v) => [v, titles[v]]));
    group('Real data', bundledSources.map((v) => [v, titles[v]]));
    if (ctx.csv || s.data.source === 'csv') group('Your data', [['csv', ctx.csv ? ctx.csv.name : 'CSV file (upload it again)']]);
    if (ctx.catalog.functions.length) group('2-D test functions (no data)', ctx.catalog.functions.map((f) => [`fn:${f.name}`, f.title]));
    sel.value = s.problem === 'function' ? `fn:${s.fn.name}` : s.data.source;
    sel.addEventListener('change', () => chooseSource(sel.value));
    return sel;
  }

  function thumbs(): HTMLElement {
    const s = ctx.store.state;
    const row = h('div', { class: 'thumbs', role: 'group', 'aria-label': 'built-in data sets' });
    for (const source of thumbnailSources) {
      const active = s.problem === 'data' && s.data.source === source;
      const b = h('button', { type: 'button', class: active ? 'thumb active' : 'thumb', title: titles[source], 'aria-label': titles[source], 'aria-pressed': String(active) }, thumbnail(source));
      b.addEventListener('click', () => chooseSource(source));
      row.appendChild(b);
    }
    return row;
  }

  function numberField(label: string, key: 'n' | 'noise' | 'test_fraction' | 'seed', attrs: Record<string, number | string>, hint: string): HTMLElement {
    const input = numberInput(Number(ctx.store.state.data[key] ?? 0), attrs);
    input.addEventListener('change', () => ctx.store.update((s) => {
      s.data[key] = Number(input.value);
    }));
    return field(label, input, hint);
  }

  function loadCsv(name: string, text: string): void {
    if (text.length > maxCsvBytes) {
      ctx.showError(`${name} is larger than 50 MB; use a smaller file.`);
      return;
    }
    if (text.trim() === '') {
      ctx.showError(`${name} is empty: a CSV needs a header row and data rows.`);
      return;
    }
    // A link to a CSV experiment waits for its file: the file it gets keeps the link's settings.
    const awaited = ctx.store.state.data.source === 'csv' && !ctx.csv;
    ctx.setCsv({ name, text, preview: previewCsv(text) });
    if (!awaited) chooseSource('csv');
    else {
      ctx.store.update(() => {});
      render();
    }
  }

  function upload(): HTMLElement {
    const input = h('input', { type: 'file', accept: '.csv,.tsv,.txt,text/csv', testid: 'csv-input', id: uid('csv-file') });
    input.addEventListener('change', async () => {
      const file = input.files?.[0];
      if (file) loadCsv(file.name, await file.text());
      input.value = '';
    });
    const drop = h('div', { class: 'drop' },
      h('label', { for: input.id, class: 'button secondary', text: 'Upload a CSV…' }),
      input,
      h('span', { class: 'muted small', text: 'or drop a .csv file here — the last column is the target by default' }));
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', async (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      const file = e.dataTransfer?.files?.[0];
      if (file) loadCsv(file.name, await file.text());
    });
    const paste = h('textarea', { rows: 3, placeholder: 'x,y\n1,2\n2,3', 'aria-label': 'paste CSV text', spellcheck: 'false' });
    const use = h('button', { type: 'button', class: 'secondary', text: 'Use pasted data' });
    use.addEventListener('click', () => {
      if (paste.value.trim()) loadCsv('pasted data', paste.value);
    });
    return h('div', { class: 'csv' },
      h('span', { class: 'label', text: 'Your own data' }),
      drop,
      h('details', {}, h('summary', { text: 'or paste CSV text' }), h('div', { class: 'paste' }, paste, use)));
  }

  function csvSettings(): HTMLElement {
    const csv = ctx.csv!;
    const s = ctx.store.state;
    const table = h('table', { class: 'preview' });
    const head = h('tr');
    csv.preview.header.forEach((c) => head.appendChild(h('th', { scope: 'col', text: c })));
    table.appendChild(h('thead', {}, head));
    const tbody = h('tbody');
    for (const row of csv.preview.rows) {
      const tr = h('tr');
      csv.preview.header.forEach((_, j) => tr.appendChild(h('td', { text: row[j] ?? '' })));
      tbody.appendChild(tr);
    }
    table.appendChild(tbody);
    const target = select(csv.preview.header.map((c) => [c, c]), s.data.target ?? csv.preview.header.at(-1) ?? '');
    target.addEventListener('change', () => ctx.store.update((st) => {
      st.data.target = target.value;
    }));
    const task = select([['auto', `auto (${csv.preview.task})`], ['regression', 'regression'], ['binary', 'binary classification'], ['multiclass', 'multiclass classification']], s.data.task ?? 'auto');
    task.addEventListener('change', () => ctx.store.update((st) => {
      st.data.task = task.value;
      st.loss = defaultLoss();
    }));
    const roles = h('div', { class: 'roles' });
    csv.preview.header.forEach((c) => {
      if (c === (s.data.target ?? csv.preview.header.at(-1))) return;
      const role = select([['feature', 'feature'], ['ignore', 'ignore']], s.data.roles?.[c] ?? 'feature');
      role.addEventListener('change', () => ctx.store.update((st) => {
        st.data.roles = { ...(st.data.roles ?? {}) };
        if (role.value === 'feature') delete st.data.roles[c];
        else st.data.roles[c] = role.value;
        if (Object.keys(st.data.roles).length === 0) delete st.data.roles;
      }));
      roles.appendChild(field(c, role));
    });
    return h('div', {},
      h('div', { class: 'table-scroll', tabindex: 0, 'aria-label': 'first rows of the CSV' }, table),
      field('Target column', target),
      field('Task', task), // a row of its own: "auto (classification)" does not fit half the panel
      h('details', {}, h('summary', { text: 'Column roles' }), roles),
      h('div', { class: 'row' },
        numberField('Test fraction', 'test_fraction', { min: 0, max: 0.9, step: 0.05 }, 'share of rows held out for testing'),
        numberField('Split seed', 'seed', { min: 0, step: 1 }, 'seed of the train/test split')));
  }

  function render(): void {
    clear(body);
    const s = ctx.store.state;
    body.append(field('Data set', sourceSelect()), thumbs());
    if (s.problem === 'function') {
      const x0 = numberInput(s.fn.x0[0], { 'aria-label': 'start x' });
      const y0 = numberInput(s.fn.x0[1], { 'aria-label': 'start y' });
      const set = () => ctx.store.update((st) => {
        st.fn.x0 = [Number(x0.value), Number(y0.value)];
      });
      x0.addEventListener('change', set);
      y0.addEventListener('change', set);
      body.appendChild(h('div', { class: 'row' }, field('Start x', x0), field('Start y', y0)));
      body.appendChild(h('p', { class: 'hint', text: 'Tip: click the landscape to choose the start point.' }));
    } else if (s.data.source === 'csv' && ctx.csv) body.appendChild(csvSettings());
    else if (s.data.source === 'csv') body.appendChild(h('p', { class: 'hint', text: 'Links keep the settings of a CSV experiment, not the file: upload the file again below.' }));
    else if (bundledSources.includes(s.data.source)) {
      body.appendChild(h('div', { class: 'row' },
        numberField('Test fraction', 'test_fraction', { min: 0, max: 0.9, step: 0.05 }, 'share of rows held out for testing'),
        numberField('Split seed', 'seed', { min: 0, step: 1 }, 'seed of the train/test split')));
    } else if (s.data.source !== 'five_points') {
      body.appendChild(h('div', { class: 'row' },
        numberField('Samples', 'n', { min: 2, max: 100000, step: 10 }, 'number of generated points'),
        numberField('Noise', 'noise', { min: 0, max: noiseMax[s.data.source] ?? 0.5, step: 0.05 }, 'amount of noise added to the points'),
      ));
      body.appendChild(h('div', { class: 'row' },
        numberField('Test fraction', 'test_fraction', { min: 0, max: 0.9, step: 0.05 }, 'share of points held out for testing'),
        numberField('Data seed', 'seed', { min: 0, step: 1 }, 'seed of the generator'),
      ));
    }
    body.appendChild(upload());
    detected = null; // the settings may have changed: until the next run starts, guess from them
    showTask();
    body.appendChild(taskLine);
  }

  // The engine's verdict once a run has started (a CSV's "auto" task is decided from its target
  // column); before that, what the settings say.
  let detected: string | null = null;
  const taskLine = h('p', { class: 'muted small', testid: 'task' });
  function showTask(): void {
    const s = ctx.store.state;
    const csvGuess = s.data.source === 'csv' && (s.data.task ?? 'auto') === 'auto' && ctx.csv && (s.data.target ?? ctx.csv.preview.header.at(-1)) === ctx.csv.preview.header.at(-1) ? ctx.csv.preview.task : null;
    const regression = detected ? detected === 'regression' : csvGuess ? csvGuess === 'regression' : isRegression(s);
    taskLine.textContent = `Task: ${s.problem === 'function' ? 'minimise a function of two parameters' : regression ? 'regression' : 'classification'}`;
  }

  function setNotes(list: string[], task: string | null = null): void {
    clear(notes);
    for (const n of list) notes.appendChild(h('li', { text: n }));
    detected = task;
    showTask();
  }

  render();
  return { el, render, setNotes };
}
