// Live charts over steps: loss (train per step, smoothed, and test), accuracy or R², learning rate,
// gradient norm, and per-layer gradient norms of one run (vanishing or exploding gradients).
import { MetricChart, type Line } from '../charts/metric-chart';
import { runColor } from '../palette';
import type { Run } from '../runs/run';
import { smooth } from '../smoothing';
import { h, section, select } from '../ui/dom';

const layerColors = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#E69F00', '#332288', '#882255', '#44AA99'];

export function chartsPanel() {
  const loss = new MetricChart('Loss', { log: true, testid: 'chart-loss' });
  const score = new MetricChart('Test accuracy', { testid: 'chart-score' });
  const lr = new MetricChart('Learning rate', { testid: 'chart-lr' });
  const grad = new MetricChart('Gradient norm ‖g‖', { log: true, testid: 'chart-grad' });
  const layers = new MetricChart('Gradient norm per layer', { log: true, testid: 'chart-layers' });

  const logBox = h('input', { type: 'checkbox', id: 'loss-log' });
  logBox.checked = true;
  const smoothing = h('input', { type: 'range', min: 0, max: 0.99, step: 0.01, id: 'loss-smoothing', 'aria-label': 'smoothing of the per-step train loss' });
  smoothing.value = '0.8';
  const layerRun = select([['0', 'Run 1']], '0', { 'aria-label': 'run whose layers are shown' });
  loss.toolbar.append(
    h('span', { class: 'chart-tools' },
      h('span', { class: 'check' }, logBox, h('label', { for: 'loss-log', text: 'log scale' })),
      h('label', { for: 'loss-smoothing', text: 'smoothing' }), smoothing));
  layers.toolbar.append(h('span', { class: 'chart-tools' }, layerRun));

  let redraw = () => {};
  logBox.addEventListener('change', () => {
    loss.setLog(logBox.checked);
    redraw();
  });
  smoothing.addEventListener('input', () => redraw());
  layerRun.addEventListener('change', () => redraw());

  const grid = h('div', { class: 'charts' }, loss.el, score.el, lr.el, grad.el, layers.el);
  const el = section('Charts', h('p', { class: 'muted small', text: 'Solid: train loss of each step’s batch (smoothed); dashed: test loss. Hover a chart for the step and values.' }), grid);

  type Draw = (runs: Run[], regression: boolean, isFunction: boolean) => void;

  const drawLoss: Draw = (runs, _regression, isFunction) => {
    const w = Number(smoothing.value);
    const lossLines: Line[] = [];
    for (const r of runs) {
      const color = runColor(r.index);
      lossLines.push({ label: `${r.index + 1} ${isFunction ? 'f' : 'train'}`, color, x: r.steps, y: smooth(r.loss, w) });
      if (!isFunction) lossLines.push({ label: `${r.index + 1} test`, color, dash: true, x: r.evals.map((e) => e.step), y: r.evals.map((e) => e.testLoss) });
    }
    loss.update(lossLines);
  };

  const drawScore: Draw = (runs, regression, isFunction) => {
    score.el.hidden = isFunction;
    if (isFunction) return;
    // Without a test set (the tutorial's five points) the training score is what there is.
    const test = runs.some((r) => r.summary && r.summary.nTest > 0);
    score.toolbar.firstChild!.textContent = `${test ? 'Test' : 'Train'} ${regression ? 'R²' : 'accuracy'}`;
    score.update(runs.map((r) => ({ label: `${r.index + 1}`, color: runColor(r.index), x: r.evals.map((e) => e.step), y: r.evals.map((e) => (test ? e.score : e.trainScore)) })));
  };

  const drawLr: Draw = (runs) => lr.update(runs.map((r) => ({ label: `${r.index + 1}`, color: runColor(r.index), x: r.steps, y: r.lr })));

  const drawGrad: Draw = (runs) => grad.update(runs.map((r) => ({ label: `${r.index + 1}`, color: runColor(r.index), x: r.steps, y: r.gradNorm })));

  const drawLayers: Draw = (runs, _regression, isFunction) => {
    layers.el.hidden = isFunction;
    if (isFunction) return;
    if (layerRun.options.length !== runs.length) {
      const keep = layerRun.value;
      while (layerRun.options.length) layerRun.remove(0);
      runs.forEach((r) => layerRun.add(new Option(`Run ${r.index + 1}`, String(r.index))));
      layerRun.value = Number(keep) < runs.length ? keep : '0';
    }
    const run = runs[Number(layerRun.value)] ?? runs[0];
    const count = run?.evals.length ? run.evals[run.evals.length - 1].layerGradNorms.length : 0;
    const lines: Line[] = [];
    for (let k = 0; k < count; k++) {
      lines.push({
        label: k === count - 1 ? 'output' : `layer ${k + 1}`,
        color: layerColors[k % layerColors.length],
        x: run.evals.map((e) => e.step),
        y: run.evals.map((e) => e.layerGradNorms[k]),
      });
    }
    layers.update(lines);
  };

  const all = [drawLoss, drawScore, drawLr, drawGrad, drawLayers];
  const charts = [loss, score, lr, grad, layers];
  let next = 0;
  let stale = 0; // charts not redrawn since the data last changed

  // Charts scrolled out of view are not redrawn (the main thread stays free for what is visible);
  // one coming into view is redrawn on the next frame.
  const visible = charts.map(() => true);
  const watcher = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const i = charts.findIndex((c) => c.el === e.target);
      visible[i] = e.isIntersecting;
      if (e.isIntersecting) stale = all.length;
    }
    if (entries.some((e) => e.isIntersecting)) redraw();
  });
  charts.forEach((c) => watcher.observe(c.el));

  return {
    el,
    drawAll(runs: Run[], regression: boolean, isFunction: boolean) {
      for (const d of all) d(runs, regression, isFunction);
      stale = 0;
    },
    drawNext(runs: Run[], regression: boolean, isFunction: boolean) {
      for (let k = 0; k < all.length && !visible[next]; k++) next = (next + 1) % all.length;
      if (visible[next]) all[next](runs, regression, isFunction);
      next = (next + 1) % all.length;
      stale = stale > 0 ? stale - 1 : all.length - 1;
    },
    behind: () => stale > 0,
    onRedraw(fn: () => void) {
      redraw = fn;
    },
    lossCanvas: () => loss.canvas(),
  };
}
