// Live charts over steps: loss (train per step, smoothed, and test, with a marker where a run
// diverged), accuracy or R², learning rate, gradient norm, and per-layer gradient norms of one run
// (vanishing or exploding gradients).
import { MetricChart, type Line } from '../charts/metric-chart';
import { runColor } from '../palette';
import type { Run } from '../runs/run';
import { smooth } from '../smoothing';
import { h, section, select, uid } from '../ui/dom';

const layerColors = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#E69F00', '#332288', '#882255', '#44AA99'];

export function chartsPanel() {
  const loss = new MetricChart('Loss', { log: true, testid: 'chart-loss' });
  const score = new MetricChart('Test accuracy', { testid: 'chart-score' });
  const lr = new MetricChart('Learning rate', { testid: 'chart-lr' });
  const grad = new MetricChart('Gradient norm ‖g‖', { log: true, testid: 'chart-grad' });
  const layers = new MetricChart('Gradient norm per layer', { log: true, testid: 'chart-layers' });

  const logBox = h('input', { type: 'checkbox', id: uid('loss-log') });
  logBox.checked = true;
  const smoothing = h('input', { type: 'range', min: 0, max: 0.99, step: 0.01, id: uid('loss-smoothing'), 'aria-label': 'smoothing of the per-step train loss' });
  smoothing.value = '0.8';
  const layerRun = select([['0', 'Run 1']], '0', { 'aria-label': 'run whose layers are shown' });
  loss.toolbar.append(
    h('span', { class: 'chart-tools' },
      h('span', { class: 'check' }, logBox, h('label', { for: logBox.id, text: 'log scale' })),
      h('label', { for: smoothing.id, text: 'smoothing' }), smoothing));
  layers.toolbar.append(h('span', { class: 'chart-tools' }, layerRun));

  let redraw = () => {};
  logBox.addEventListener('change', () => {
    loss.setLog(logBox.checked);
    redraw();
  });
  smoothing.addEventListener('input', () => redraw());
  layerRun.addEventListener('change', () => redraw());

  const grid = h('div', { class: 'charts' }, loss.el, score.el, lr.el, grad.el, layers.el);
  const el = section('Charts', h('p', { class: 'muted small', text: 'Solid: train loss of each step’s batch; dashed: test loss. Per-step curves are smoothed by the slider. Hover a chart for the step and values.' }), grid);

  type Draw = (runs: Run[], regression: boolean, isFunction: boolean) => void;

  const drawLoss: Draw = (runs, _regression, isFunction) => {
    const w = Number(smoothing.value);
    const lossLines: Line[] = [];
    for (const r of runs) {
      const color = runColor(r.index);
      lossLines.push({ label: `${r.index + 1} ${isFunction ? 'f' : 'train'}`, color, x: r.steps, y: smooth(r.loss, w) });
      if (!isFunction) lossLines.push({ label: `${r.index + 1} test`, color, dash: true, x: r.evals.map((e) => e.step), y: r.evals.map((e) => e.testLoss) });
    }
    // A run that diverged early is a sliver at the left edge of a long run's axis: the marker says so.
    const diverged = runs.filter((r) => r.divergedAt !== null).map((r) => ({ step: r.divergedAt!, color: runColor(r.index), label: `run ${r.index + 1} diverged at step ${r.divergedAt}` }));
    loss.update(lossLines, diverged);
  };

  const drawScore: Draw = (runs, regression, isFunction) => {
    score.el.hidden = isFunction;
    if (isFunction) return;
    // Without a test set (the tutorial's five points) the training score is what there is.
    const test = runs.some((r) => r.summary && r.summary.nTest > 0);
    score.toolbar.firstChild!.textContent = `${test ? 'Test' : 'Train'} ${regression ? 'R²' : 'accuracy'}`;
    score.scoreFloor = regression ? -1 : 0;
    score.update(runs.map((r) => ({ label: `${r.index + 1}`, color: runColor(r.index), x: r.evals.map((e) => e.step), y: r.evals.map((e) => (test ? e.score : e.trainScore)) })));
  };

  const drawLr: Draw = (runs) => lr.update(runs.map((r) => ({ label: `${r.index + 1}`, color: runColor(r.index), x: r.steps, y: r.lr })));

  const drawGrad: Draw = (runs) => grad.update(runs.map((r) => ({ label: `${r.index + 1}`, color: runColor(r.index), x: r.steps, y: smooth(r.gradNorm, Number(smoothing.value)) })));

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
        y: smooth(run.evals.map((e) => e.layerGradNorms[k]), Number(smoothing.value)),
      });
    }
    layers.update(lines);
  };

  const all = [drawLoss, drawScore, drawLr, drawGrad, drawLayers];
  const charts = [loss, score, lr, grad, layers];
  const dirty = charts.map(() => true);
  let next = 0;

  // While runs play, charts scrolled out of view wait (the main thread stays free for what is
  // visible); one coming into view, or every chart once the runs stop, is brought up to date.
  const visible = charts.map(() => true);
  const watcher = new IntersectionObserver((entries) => {
    for (const e of entries) visible[charts.findIndex((c) => c.el === e.target)] = e.isIntersecting;
    if (entries.some((e) => e.isIntersecting)) redraw();
  });
  charts.forEach((c) => watcher.observe(c.el));

  const due = (i: number, onlyVisible: boolean) => dirty[i] && (visible[i] || !onlyVisible);

  return {
    el,
    changed() {
      dirty.fill(true);
    },
    drawAll(runs: Run[], regression: boolean, isFunction: boolean) {
      all.forEach((d) => d(runs, regression, isFunction));
      dirty.fill(false);
    },
    // Draws the next chart that is due (one per frame); false when none is.
    drawNext(runs: Run[], regression: boolean, isFunction: boolean, onlyVisible: boolean): boolean {
      for (let k = 0; k < all.length; k++) {
        const i = (next + k) % all.length;
        if (!due(i, onlyVisible)) continue;
        all[i](runs, regression, isFunction);
        dirty[i] = false;
        next = (i + 1) % all.length;
        return true;
      }
      return false;
    },
    behind: (onlyVisible: boolean) => all.some((_, i) => due(i, onlyVisible)),
    onRedraw(fn: () => void) {
      redraw = fn;
    },
    lossCanvas: () => loss.canvas(),
  };
}
