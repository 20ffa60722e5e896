// The runs of a race: each its own optimizer (hyper-parameters from the catalog, with the update rule)
// and schedule (with a live lr preview). "Add run" copies the last run with another optimizer.
import { LrPreview } from '../charts/lr-preview';
import { maxRuns, runColor } from '../palette';
import type { CatalogEntry } from '../protocol';
import type { Options, RunConfig } from '../state/types';
import { clear, field, h, section, select } from '../ui/dom';
import { paramFields, withDefaults } from '../ui/params';
import type { PanelContext } from './context';
import { formulaCard, scheduleFormula } from './formula';

export type LrPreviewer = (schedule: Options | null, lr: number, steps: number) => Promise<number[]>;

// Schedules whose PyTorch defaults assume a run length get one that fits this run instead.
export function lengthDefaults(schedule: string, steps: number): Record<string, unknown> {
  const part = (f: number) => Math.max(1, Math.round(steps * f));
  switch (schedule) {
    case 'step':
      return { step_size: part(1 / 3) };
    case 'multistep':
      return { milestones: [part(0.5), part(0.75)] };
    case 'cosine':
      return { T_max: steps };
    case 'cosine_warm_restarts':
      return { T_0: part(0.25) };
    case 'linear':
    case 'polynomial':
      return { total_iters: steps };
    case 'onecycle':
      return { total_steps: steps };
    case 'cyclic':
      return { step_size_up: part(0.125) };
    case 'warmup_cosine':
      return { warmup_steps: part(0.05), T_max: steps };
    case 'exponential':
      return { gamma: Number(Math.pow(0.01, 1 / steps).toPrecision(6)) }; // lr / 100 by the end
    default:
      return {};
  }
}

function entry(list: CatalogEntry[], name: string): CatalogEntry | undefined {
  return list.find((e) => e.name === name);
}

export function runsPanel(ctx: PanelContext, previewer: LrPreviewer): { el: HTMLElement; render(): void } {
  const cards = h('div', { class: 'run-cards' });
  const add = h('button', { type: 'button', class: 'secondary', testid: 'add-run', text: '+ Add run to race' });
  const el = section('Optimizers', h('p', { class: 'muted small', text: 'Every run trains the same data from the same initial weights in the same batch order; only the optimizer and schedule differ.' }), cards, h('div', { class: 'row' }, add));
  const previews: LrPreview[] = [];

  add.addEventListener('click', () => {
    const runs = ctx.store.state.runs;
    if (runs.length >= maxRuns) return;
    const used = new Set(runs.map((r) => r.optimizer.name));
    const next = ['sgd', 'adam', 'rmsprop', 'adagrad', 'adamw', 'nadam', 'adadelta', 'radam', 'adamax', 'lion'].find((n) => !used.has(n)) ?? 'sgd';
    const last = runs[runs.length - 1];
    const lr = typeof last.optimizer.lr === 'number' ? last.optimizer.lr : 0.01;
    ctx.store.update((s) => {
      s.runs.push({ optimizer: { name: next, lr }, schedule: last.schedule ? { ...last.schedule } : null });
    });
    render();
  });

  function updateRun(i: number, change: (r: RunConfig) => void, rerender = true): void {
    ctx.store.update((s) => change(s.runs[i]));
    if (rerender) render();
  }

  function card(run: RunConfig, i: number): HTMLElement {
    const optimizers = ctx.catalog.optimizers;
    const schedules = ctx.catalog.schedules;
    const opt = entry(optimizers, run.optimizer.name);
    const optSelect = select(optimizers.map((o) => [o.name, o.title]), run.optimizer.name, { testid: i === 0 ? 'optimizer' : `optimizer-${i}` });
    optSelect.addEventListener('change', () => updateRun(i, (r) => {
      const lr = r.optimizer.lr;
      r.optimizer = { name: optSelect.value };
      if (typeof lr === 'number' && optSelect.value !== 'adadelta') r.optimizer.lr = lr;
    }));
    const values = opt ? withDefaults(opt.params, run.optimizer) : run.optimizer;
    const formulaSlot = h('div');
    const renderFormula = () => {
      clear(formulaSlot);
      if (opt) formulaSlot.appendChild(formulaCard(opt, withDefaults(opt.params, ctx.store.state.runs[i].optimizer)));
    };
    const optParams = opt
      ? paramFields(opt.params, values, (name, value) => {
          updateRun(i, (r) => {
            r.optimizer[name] = value;
          }, false);
          renderFormula();
          refreshPreview();
        })
      : h('p', { class: 'muted', text: `Unknown optimizer “${run.optimizer.name}”.` });
    renderFormula();

    const sch = run.schedule ? entry(schedules, run.schedule.name) : undefined;
    const schSelect = select([['', 'none (constant lr)'], ...schedules.filter((s) => s.name !== 'constant').map((s) => [s.name, s.title] as [string, string])], run.schedule?.name ?? '', { 'aria-label': `run ${i + 1} schedule` });
    schSelect.addEventListener('change', () => updateRun(i, (r) => {
      r.schedule = schSelect.value ? { name: schSelect.value, ...lengthDefaults(schSelect.value, ctx.store.state.steps) } : null;
    }));
    const schParams = sch && run.schedule
      ? paramFields(sch.params, withDefaults(sch.params, run.schedule), (name, value) => {
          updateRun(i, (r) => {
            if (r.schedule) r.schedule[name] = value;
          }, false);
          refreshPreview();
        })
      : null;
    const preview = new LrPreview(runColor(i));
    previews.push(preview);
    const previewNote = h('p', { class: 'muted small' });
    const refreshPreview = () => {
      const r = ctx.store.state.runs[i];
      const o = entry(optimizers, r.optimizer.name);
      const lr = Number(r.optimizer.lr ?? o?.params.find((p) => p.name === 'lr')?.default ?? 0.01);
      const steps = Math.min(ctx.store.state.steps, 5000);
      previewer(r.schedule, lr, steps).then(
        (lrs) => {
          previewNote.textContent = '';
          preview.set(lrs);
        },
        (e: Error) => {
          previewNote.textContent = e.message;
        },
      );
    };
    refreshPreview();

    const remove = h('button', { type: 'button', class: 'icon', title: 'remove this run', 'aria-label': `remove run ${i + 1}`, text: '×', disabled: ctx.store.state.runs.length <= 1 });
    remove.addEventListener('click', () => {
      ctx.store.update((s) => {
        s.runs.splice(i, 1);
      });
      render();
    });
    const swatch = h('span', { class: 'swatch' });
    swatch.style.background = runColor(i);
    optSelect.id = `run-${i}-optimizer`;
    return h('article', { class: 'run-card', 'aria-label': `run ${i + 1}` },
      h('header', {}, swatch, h('h3', { text: `Run ${i + 1}` }), remove),
      field('Optimizer', optSelect, opt?.description),
      opt ? h('p', { class: 'muted small', text: opt.description }) : null,
      optParams,
      formulaSlot,
      field('Schedule', schSelect, sch?.description),
      sch?.update ? scheduleFormula(sch.update) : null,
      schParams,
      h('div', { class: 'lr-box' }, h('span', { class: 'label', text: 'lr over the run' }), preview.el, previewNote));
  }

  function render(): void {
    for (const p of previews.splice(0)) p.destroy();
    clear(cards);
    ctx.store.state.runs.forEach((r, i) => cards.appendChild(card(r, i)));
    add.disabled = ctx.store.state.runs.length >= maxRuns;
    add.textContent = ctx.store.state.runs.length >= maxRuns ? `At most ${maxRuns} runs` : '+ Add run to race';
  }

  render();
  return { el, render };
}
