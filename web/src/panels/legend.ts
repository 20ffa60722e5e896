// One line per run: its colour, optimizer and schedule, final metrics, and how it ended.
import { formatNumber } from '../format';
import { runColor } from '../palette';
import type { Run } from '../runs/run';
import { clear, h } from '../ui/dom';

export function describeRun(run: Run): string {
  const o = run.config.optimizer;
  const parts = [o.name];
  if (typeof o.lr === 'number') parts.push(`lr ${formatNumber(o.lr)}`);
  if (typeof o.momentum === 'number' && o.momentum > 0) parts.push(`momentum ${o.momentum}`);
  if (run.config.schedule) parts.push(`+ ${run.config.schedule.name}`);
  if (run.config.batch_size !== undefined) parts.push(`batch ${run.config.batch_size}`);
  if (run.config.regularization) {
    const r = run.config.regularization;
    if (r.l1) parts.push(`L1 ${r.l1}`);
    if (r.l2) parts.push(`L2 ${r.l2}`);
  }
  return parts.join(' · ');
}

export function status(run: Run): string {
  if (run.error) return run.error;
  if (run.divergedAt !== null) return `diverged at step ${run.divergedAt}`;
  if (run.done) return `done after ${run.step} steps`;
  if (!run.summary) return 'starting…';
  return `step ${run.step}`;
}

export function legend() {
  const el = h('ol', { class: 'legend', testid: 'legend', 'aria-label': 'runs and their latest metrics' });

  function show(runs: Run[], regression: boolean, isFunction: boolean): void {
    clear(el);
    for (const run of runs) {
      const swatch = h('span', { class: 'swatch' });
      swatch.style.background = runColor(run.index);
      const e = run.latest();
      const lastLoss = run.loss.length ? run.loss[run.loss.length - 1] : null;
      const metrics: string[] = [];
      if (isFunction) {
        if (lastLoss !== null) metrics.push(`f = ${formatNumber(lastLoss)}`);
      } else if (e) {
        metrics.push(`train ${formatNumber(e.trainLoss)}`, `test ${formatNumber(e.testLoss)}`);
        metrics.push(regression ? `R² ${formatNumber(e.score)}` : `acc ${(e.score * 100).toFixed(1)}%`);
      }
      const bad = run.error !== null || run.divergedAt !== null;
      el.appendChild(h('li', { class: bad ? 'bad' : '', 'data-run': run.index },
        swatch,
        h('span', { class: 'run-name', text: `Run ${run.index + 1}: ${describeRun(run)}` }),
        h('span', { class: 'run-metrics', text: metrics.join(' · ') }),
        h('span', { class: bad ? 'run-status warn' : 'run-status', text: status(run) })));
    }
  }

  return { el, show };
}
