// The content of the section "Find a learning rate / search" (see lazy-section.ts): the LR range
// test, then a grid or random search over hyper-parameters in a pool of workers, with its results.
import type { PlanLine } from '../protocol';
import { importState } from '../state/from-spec';
import { isRegression, type PlaygroundState, type RunConfig } from '../state/types';
import { maxRuns } from '../palette';
import { h } from '../ui/dom';
import type { SearchContext } from './context';
import { defaultForm } from './dimensions';
import { formatSeconds } from './eta';
import { lrFinder } from './lr-finder';
import { SearchPool, type PoolRun } from './pool';
import { SearchResults } from './results';
import { searchForm } from './search-form';

// Dimensions a race can give each run its own value of; the others are shared by every run.
const perRun = /^(lr|optimizer|momentum|beta1|beta2|weight_decay|schedule|batch_size|optimizer\..+|schedule\..+|regularization\..+)$/;

export function runConfigOf(line: PlanLine): RunConfig {
  const spec = line.spec as { optimizer: RunConfig['optimizer']; schedule?: RunConfig['schedule']; batch_size?: RunConfig['batch_size']; regularization?: RunConfig['regularization'] };
  const run: RunConfig = { optimizer: { ...spec.optimizer }, schedule: spec.schedule ? { ...spec.schedule } : null };
  if (spec.batch_size !== undefined) run.batch_size = spec.batch_size;
  if (spec.regularization) run.regularization = { l1: Number(spec.regularization.l1 ?? 0), l2: Number(spec.regularization.l2 ?? 0) };
  return run;
}

function firstLr(ctx: SearchContext): number {
  const lr = ctx.store.state.runs[0]?.optimizer.lr;
  return typeof lr === 'number' && lr > 0 ? lr : 0.001;
}

function length(s: PlaygroundState): { n: number; unit: 'steps' | 'epochs' } {
  return s.epochs !== undefined ? { n: s.epochs, unit: 'epochs' } : { n: s.steps, unit: 'steps' };
}

export function searchSection(ctx: SearchContext): { el: HTMLElement; dispose(): void } {
  const len = length(ctx.store.state);
  const form = searchForm(defaultForm(firstLr(ctx), len.n, len.unit), () => {});
  const finder = lrFinder(ctx, (lr) => form.setLr(lr));
  const start = h('button', { type: 'button', class: 'primary', testid: 'search-start', text: 'Start search' });
  const cancel = h('button', { type: 'button', testid: 'search-cancel', text: 'Cancel', disabled: true });
  const bar = h('progress', { max: 1, value: 0 });
  const progressText = h('span', { class: 'progress-text' });
  const progress = h('div', { class: 'search-progress', testid: 'search-progress', hidden: true, 'aria-live': 'polite' }, bar, progressText);
  const error = h('p', { class: 'search-error', role: 'alert', hidden: true });
  let pool: SearchPool | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const results = new SearchResults({
    open(run) {
      try {
        const state = importState(JSON.stringify(run.line.spec));
        state.speed = ctx.store.state.speed;
        ctx.open(state);
      } catch (e) {
        error.textContent = `This run could not be opened: ${(e as Error).message}`;
        error.hidden = false;
      }
    },
    addToRace(run) {
      const shared = Object.keys(run.line.config).filter((k) => !perRun.test(k));
      if (shared.length) return `${shared.join(', ')} is shared by every run of a race: use Open instead`;
      if (ctx.store.state.problem !== 'data') return 'the playground shows a test function now';
      if (ctx.store.state.runs.length >= maxRuns) return `a race has at most ${maxRuns} runs`;
      ctx.addRun(runConfigOf(run.line));
      return null;
    },
  });

  // Which settings the search starts from: run 1's, with the dimensions below changed.
  const base = h('p', { class: 'small search-base' });
  const describeBase = () => {
    const o = ctx.store.state.runs[0]?.optimizer;
    const sched = ctx.store.state.runs[0]?.schedule;
    base.textContent = o ? `Starts from run 1: ${o.name}${typeof o.lr === 'number' ? `, lr ${o.lr}` : ''}${sched ? `, ${sched.name} schedule` : ''}; each run changes only the dimensions below.` : '';
  };
  describeBase();
  ctx.store.subscribe((s) => {
    const l = length(s);
    form.setDefaults(firstLr(ctx), l.n, l.unit);
    describeBase();
  });

  const show = () => {
    timer = null;
    if (!pool) return;
    const p = pool;
    const n = p.runs.length;
    const done = p.done;
    const failed = p.runs.filter((r) => r.status === 'failed').length;
    const inFlight = p.runs.filter((r) => r.status === 'running').reduce((a, r) => a + r.fraction, 0);
    bar.value = n ? (done + inFlight) / n : 1;
    const failures = failed ? ` · ${failed} failed` : '';
    if (p.cancelled) progressText.textContent = `cancelled after ${done} / ${n} runs${failures}`;
    else if (p.endedAt !== null) progressText.textContent = `${done} / ${n} runs · done in ${formatSeconds((p.endedAt - p.startedAt) / 1000)}${failures}`;
    else {
      const left = p.secondsLeft();
      progressText.textContent = `${done} / ${n} runs · ${left === null ? 'estimating time left…' : `about ${formatSeconds(left)} left`} · ${p.workerCount} worker${p.workerCount === 1 ? '' : 's'}${failures}`;
    }
    progress.dataset.state = p.cancelled ? 'cancelled' : p.endedAt !== null ? 'done' : 'running';
    progress.dataset.done = String(done);
    results.update();
  };
  const schedule = (run: PoolRun | null) => {
    // A finished run (or the end) shows at once; progress within runs a few times a second.
    if (run === null || run.status !== 'running') {
      if (timer) clearTimeout(timer);
      show();
    } else if (!timer) timer = setTimeout(show, 250);
  };

  const idle = () => {
    start.disabled = false;
    cancel.disabled = true;
  };

  start.addEventListener('click', async () => {
    error.hidden = true;
    const built = form.check();
    if (!built) return; // the form shows why
    const s = ctx.store.state;
    if (s.problem !== 'data') {
      error.textContent = 'A search trains models on data: choose a data set first (not a test function).';
      error.hidden = false;
      return;
    }
    start.disabled = true;
    let lines: PlanLine[];
    let csv: string | undefined;
    try {
      csv = ctx.csv();
      const spec = ctx.spec(0);
      delete spec.steps;
      delete spec.epochs;
      spec[form.form.unit] = built.budget;
      lines = await ctx.expand(spec, built.search);
    } catch (e) {
      error.textContent = `The search cannot start: ${(e as Error).message}`;
      error.hidden = false;
      idle();
      return;
    }
    pool?.cancel();
    cancel.disabled = false;
    progress.hidden = false;
    const dims = Object.keys(built.search.params);
    const p = new SearchPool(lines, csv, (run) => {
      if (pool === p) schedule(run);
    });
    pool = p;
    const ranged = dims.filter((d) => !Array.isArray(built.search.params[d]));
    results.reset(p.runs, dims, ranged, isRegression(s), built.search.method === 'random');
    p.start();
    show();
    await p.finished;
    if (pool === p) idle();
  });

  cancel.addEventListener('click', () => {
    pool?.cancel();
    idle();
  });

  const body = h('div', { class: 'search-body' },
    finder.el,
    h('div', { class: 'search-part' },
      h('h3', { text: 'Hyper-parameter search' }),
      h('p', { class: 'muted small', text: 'Runs every configuration of the current experiment (same data, initial weights and batch order) in parallel workers, then compares them. Open any run to load it into the playground.' }),
      base,
      form.el,
      h('div', { class: 'row' }, start, cancel, progress),
      error));
  return {
    el: h('div', { class: 'search-content' }, body, results.el),
    dispose() {
      pool?.cancel();
      finder.stop();
    },
  };
}
