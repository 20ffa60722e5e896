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

// How many times the whole-training-set loss has grown since the first evaluation (1 if unknown).
function lossGrowth(run: Run): number {
  const first = run.evals[0]?.trainLoss;
  const last = run.latest()?.trainLoss;
  return first !== undefined && last !== undefined && first > 0 ? last / first : 1;
}

// A loss grown ten-thousandfold is diverging, although it has not overflowed (yet): say so, as
// the engine only stops a run at the first value that is not finite.
export function isDiverging(run: Run): boolean {
  return run.divergedAt === null && lossGrowth(run) >= 1e4;
}

export function status(run: Run): string {
  if (run.error) return run.error;
  if (run.divergedAt !== null) return `diverged at step ${run.divergedAt}`;
  if (!run.summary) return 'starting…';
  const diverging = isDiverging(run) ? ` — diverging: the loss is ${formatNumber(lossGrowth(run), 2)} times its start` : '';
  return run.done ? `done after ${run.step} steps${diverging}` : `step ${run.step}${diverging}`;
}

export function legend() {
  const el = h('ol', { class: 'legend', testid: 'legend', 'aria-label': 'runs and their latest metrics' });
  let rows: Array<{ li: HTMLElement; name: HTMLElement; metrics: HTMLElement; status: HTMLElement }> = [];

  function set(node: HTMLElement, text: string): void {
    if (node.textContent !== text) node.textContent = text;
  }

  // Rows are rebuilt only when the runs change; otherwise only their texts are updated.
  function show(runs: Run[], regression: boolean, isFunction: boolean): void {
    if (rows.length !== runs.length) {
      clear(el);
      rows = runs.map((run) => {
        const swatch = h('span', { class: 'swatch' });
        swatch.style.background = runColor(run.index);
        const row = { li: h('li', { 'data-run': run.index }), name: h('span', { class: 'run-name' }), metrics: h('span', { class: 'run-metrics' }), status: h('span', { class: 'run-status' }) };
        row.li.append(swatch, row.name, row.metrics, row.status);
        el.appendChild(row.li);
        return row;
      });
    }
    runs.forEach((run, i) => {
      const row = rows[i];
      const e = run.latest();
      const lastLoss = run.loss.length ? run.loss[run.loss.length - 1] : null;
      const metrics: string[] = [];
      if (isFunction) {
        if (lastLoss !== null) metrics.push(`f = ${formatNumber(lastLoss)}`);
      } else if (e) {
        // A 1-feature linear model is just θ = (w, b): show where the run has got to.
        if (run.summary?.landscape && run.path.length >= 2) metrics.push(`w = ${formatNumber(run.path[run.path.length - 2])}, b = ${formatNumber(run.path[run.path.length - 1])}`);
        metrics.push(`train ${formatNumber(e.trainLoss)}`);
        if (!Number.isNaN(e.testLoss)) metrics.push(`test ${formatNumber(e.testLoss)}`);
        if (!Number.isNaN(e.score)) metrics.push(regression ? `R² ${formatNumber(e.score)}` : `acc ${(e.score * 100).toFixed(1)}%`);
      }
      const bad = run.error !== null || run.divergedAt !== null || isDiverging(run);
      row.li.className = bad ? 'bad' : '';
      row.status.className = bad ? 'run-status warn' : 'run-status';
      set(row.name, `Run ${run.index + 1}: ${describeRun(run)}`);
      set(row.metrics, metrics.join(' · '));
      set(row.status, status(run));
    });
  }

  return { el, show };
}
