// "Find learning rate": the LR range test (Smith 2017) on the current experiment with the chosen run's
// optimizer, drawn live, with its suggestions in words and one click to use one.
import type { LrFindResult } from '../protocol';
import { field, h, numberInput, select } from '../ui/dom';
import { LrChart, lrText, type Marker } from './lr-chart';
import { SearchWorker } from './search-worker';
import type { SearchContext } from './context';

// The value the "Use" button sets: two significant digits, so the lr field shows what the button said.
export function rounded(lr: number): number {
  return Number(lr.toPrecision(2));
}

// What the finder found, in words.
export function describe(result: LrFindResult, maxLr: number, diverge: number): { suggestion: string; end: string; use: number | null } {
  const s = result.suggestion;
  const parts: string[] = [];
  // minimum / 10 first: on the data sets tested (docs/search.md) it lands within 10× of the best grid
  // lr; the steepest point is noisier and often a decade or two off.
  if (s.min_loss_lr !== null && s.min_over_10 !== null)
    parts.push(`Suggested lr ≈ ${lrText(s.min_over_10)} (the loss is lowest at ${lrText(s.min_loss_lr)}; a tenth of that)`);
  if (s.steepest !== null) parts.push(`steepest descent at ${lrText(s.steepest)}`);
  const use = s.min_over_10 ?? s.steepest;
  const joined = parts.join('; ');
  const suggestion = parts.length ? joined[0].toUpperCase() + joined.slice(1) + '.' : 'Too few steps for a suggestion: widen the lr range or use more steps.';
  const n = result.lrs.length;
  const lastLr = n ? result.lrs[n - 1] : NaN;
  const lastLoss = n ? result.losses[n - 1] : NaN;
  let end: string;
  if (n && (lastLoss === null || !Number.isFinite(lastLoss))) end = `The loss diverged (became NaN or ∞) at lr = ${lrText(lastLr)}; the test stopped there.`;
  else if (result.stopped_early) end = `Stopped early at lr = ${lrText(lastLr)}: the smoothed loss exploded (above ${diverge} × its minimum).`;
  else end = `Ran all ${n} steps up to lr = ${lrText(maxLr)} without the loss exploding.`;
  return { suggestion, end, use };
}

export function lrFinder(ctx: SearchContext, onUse: (lr: number) => void): { el: HTMLElement; stop(): void } {
  const runSelect = select([['0', 'Run 1']], '0', { 'aria-label': 'run whose optimizer the test uses' });
  const minLr = numberInput(1e-7, { min: 0, step: 'any' });
  const maxLr = numberInput(10, { min: 0, step: 'any' });
  const steps = numberInput(100, { min: 10, max: 10000, step: 1 });
  const button = h('button', { type: 'button', class: 'primary', testid: 'lr-find', text: 'Find learning rate' });
  const status = h('p', { class: 'muted small', 'aria-live': 'polite' });
  const chart = new LrChart('lr-chart');
  chart.el.hidden = true;
  const suggestion = h('p', { testid: 'lr-suggestion', class: 'lr-suggestion', hidden: true });
  const end = h('p', { class: 'muted small', hidden: true });
  const use = h('button', { type: 'button', testid: 'lr-use', hidden: true });
  const error = h('p', { class: 'search-error', role: 'alert', hidden: true });
  let worker: SearchWorker | null = null;
  let suggested: number | null = null;

  const runs = () => ctx.store.state.runs;
  const refreshRuns = () => {
    const current = runSelect.value;
    runSelect.replaceChildren(...runs().map((r, i) => h('option', { value: String(i), text: `Run ${i + 1} (${r.optimizer.name})` })));
    runSelect.value = Number(current) < runs().length ? current : '0';
    runSelect.disabled = runs().length < 2;
  };
  refreshRuns();
  ctx.store.subscribe(() => refreshRuns());

  const stop = () => {
    worker?.terminate();
    worker = null;
    button.textContent = 'Find learning rate';
  };

  use.addEventListener('click', () => {
    if (suggested === null) return;
    const i = Number(runSelect.value);
    ctx.store.update((s) => {
      s.runs[i].optimizer.lr = suggested!;
    });
    ctx.refresh();
    onUse(suggested);
    status.textContent = `Run ${i + 1} now trains with lr = ${lrText(suggested)}; the search's lr range is centred on it.`;
  });

  button.addEventListener('click', async () => {
    if (worker) {
      stop();
      status.textContent = 'Stopped.';
      return;
    }
    error.hidden = true;
    const s = ctx.store.state;
    if (s.problem !== 'data') {
      error.textContent = 'The learning-rate finder trains a model on data: choose a data set first (test functions have no batches).';
      error.hidden = false;
      return;
    }
    const options = { min_lr: Number(minLr.value), max_lr: Number(maxLr.value), steps: Math.round(Number(steps.value)) };
    const spec = ctx.spec(Number(runSelect.value));
    let csv: string | undefined;
    try {
      csv = ctx.csv();
    } catch (e) {
      error.textContent = (e as Error).message;
      error.hidden = false;
      return;
    }
    const w = new SearchWorker();
    worker = w;
    button.textContent = 'Stop';
    status.textContent = 'Training one step per learning rate, from the smallest up…';
    suggestion.hidden = end.hidden = use.hidden = true;
    chart.el.hidden = false;
    chart.update([], [], []);
    try {
      const reply = await w.request({ type: 'lr-find', spec, csv, options }, (p) => {
        if (p.type === 'lr-progress' && worker === w) chart.update(p.lrs, p.losses, p.smoothed);
      });
      if (worker !== w || reply.type !== 'lr-result') return;
      const r = reply.result;
      const words = describe(r, options.max_lr, 4);
      const markers: Marker[] = [];
      if (r.suggestion.steepest !== null) markers.push({ lr: r.suggestion.steepest, label: 'steepest', color: '#D55E00' });
      if (r.suggestion.min_over_10 !== null) markers.push({ lr: r.suggestion.min_over_10, label: 'min / 10', color: '#009E73' });
      chart.update(r.lrs, r.losses, r.smoothed, markers);
      suggestion.textContent = words.suggestion;
      end.textContent = words.end;
      suggested = words.use === null ? null : rounded(words.use);
      use.textContent = suggested === null ? '' : `Use ${lrText(suggested)}`;
      use.title = `set run ${Number(runSelect.value) + 1}'s lr to ${lrText(suggested ?? 0)} and centre the search's lr range on it`;
      suggestion.hidden = end.hidden = false;
      use.hidden = suggested === null;
      status.textContent = '';
    } catch (e) {
      if (worker !== w) return;
      error.textContent = `The learning-rate finder failed: ${(e as Error).message}`;
      error.hidden = false;
      chart.el.hidden = true;
      status.textContent = '';
    } finally {
      if (worker === w) stop();
    }
  });

  const el = h('div', { class: 'lr-finder' },
    h('h3', { text: 'Learning-rate range test' }),
    h('p', { class: 'muted small', text: 'Trains the current experiment for a few steps while the learning rate grows exponentially, one mini-batch per lr, and watches the loss (Smith, 2017). A good lr sits where the loss falls fastest, well before it blows up.' }),
    h('div', { class: 'row' }, field('Optimizer of', runSelect), field('From lr', minLr), field('To lr', maxLr), field('Steps', steps)),
    h('div', { class: 'row' }, button, status),
    error,
    chart.el,
    suggestion,
    end,
    use);
  return { el, stop };
}
