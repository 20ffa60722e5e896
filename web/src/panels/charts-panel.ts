// Live charts over steps: loss (train per step, smoothed, and test, with a marker where a run
// diverged), accuracy or R², learning rate, gradient norm, and per-layer gradient norms of one run
// (vanishing or exploding gradients).
import { MetricChart, type Line, type StepMarker } from '../charts/metric-chart';
import { loadUPlot } from '../charts/uplot-lazy';
import { runColor } from '../palette';
import type { Run } from '../runs/run';
import { smooth } from '../smoothing';
import { h, section, select, uid } from '../ui/dom';

const layerColors = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#E69F00', '#332288', '#882255', '#44AA99'];

// What the charts show: the runs on screen, and how to read them.
export type ChartSource = () => { runs: Run[]; regression: boolean; isFunction: boolean };

// A chart's lines and markers as they are now; null while the chart is hidden (not this problem's).
type Plot = { lines: Line[]; markers?: StepMarker[] } | null;
type Lines = (runs: Run[], regression: boolean, isFunction: boolean) => Plot;

export function chartsPanel(source: ChartSource) {
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

  const lossPlot: Lines = (runs, _regression, isFunction) => {
    const w = Number(smoothing.value);
    const lossLines: Line[] = [];
    for (const r of runs) {
      const color = runColor(r.index);
      lossLines.push({ label: `${r.index + 1} ${isFunction ? 'f' : 'train'}`, color, x: r.steps, y: smooth(r.loss, w) });
      if (!isFunction) lossLines.push({ label: `${r.index + 1} test`, color, dash: true, x: r.evals.map((e) => e.step), y: r.evals.map((e) => e.testLoss) });
    }
    // A run that diverged early is a sliver at the left edge of a long run's axis: the marker says so.
    const diverged = runs.filter((r) => r.divergedAt !== null).map((r) => ({ step: r.divergedAt!, color: runColor(r.index), label: `run ${r.index + 1} diverged at step ${r.divergedAt}` }));
    return { lines: lossLines, markers: diverged };
  };

  const scorePlot: Lines = (runs, regression, isFunction) => {
    score.el.hidden = isFunction;
    if (isFunction) return null;
    // Without a test set (the tutorial's five points) the training score is what there is.
    const test = runs.some((r) => r.summary && r.summary.nTest > 0);
    score.toolbar.firstChild!.textContent = `${test ? 'Test' : 'Train'} ${regression ? 'R²' : 'accuracy'}`;
    score.scoreFloor = regression ? -1 : 0;
    return { lines: runs.map((r) => ({ label: `${r.index + 1}`, color: runColor(r.index), x: r.evals.map((e) => e.step), y: r.evals.map((e) => (test ? e.score : e.trainScore)) })) };
  };

  const lrPlot: Lines = (runs) => ({ lines: runs.map((r) => ({ label: `${r.index + 1}`, color: runColor(r.index), x: r.steps, y: r.lr })) });

  const gradPlot: Lines = (runs) => ({ lines: runs.map((r) => ({ label: `${r.index + 1}`, color: runColor(r.index), x: r.steps, y: smooth(r.gradNorm, Number(smoothing.value)) })) });

  const layersPlot: Lines = (runs, _regression, isFunction) => {
    layers.el.hidden = isFunction;
    if (isFunction) return null;
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
    return { lines };
  };

  const plots = [lossPlot, scorePlot, lrPlot, gradPlot, layersPlot];
  const charts = [loss, score, lr, grad, layers];
  const dirty = charts.map(() => true);
  let next = 0;

  // Draws chart i from the runs as they are now; with draw false, only its empty note is brought up
  // to date (building the lines is cheap, drawing them is not).
  const paint = (i: number, draw = true) => {
    const { runs, regression, isFunction } = source();
    const plot = plots[i](runs, regression, isFunction);
    if (!plot) return;
    if (draw) charts[i].update(plot.lines, plot.markers);
    else charts[i].note(plot.lines);
  };

  // While runs play, charts scrolled out of view wait (the main thread stays free for what is
  // visible); every chart once the runs stop is brought up to date, and one coming into view at once:
  // the frame it came into view on showed its last picture, the next one must show the runs as they are.
  const visible = charts.map(() => true);
  const watcher = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const i = charts.findIndex((c) => c.el === e.target);
      visible[i] = e.isIntersecting;
      if (e.isIntersecting && dirty[i]) {
        paint(i);
        dirty[i] = false;
      }
    }
  });
  charts.forEach((c) => watcher.observe(c.el));

  const due = (i: number, onlyVisible: boolean) => dirty[i] && (visible[i] || !onlyVisible);

  function drawAll(): void {
    charts.forEach((_, i) => paint(i));
    dirty.fill(false);
  }

  return {
    el,
    changed() {
      dirty.fill(true);
    },
    drawAll,
    // Draws the next chart that is due (one per frame); false when none is.
    drawNext(onlyVisible: boolean): boolean {
      // A chart that waits out of view must not say there is nothing to draw once there is: a page
      // printed or captured whole shows it as it is. (Runs only lose their data on a reset, which
      // draws every chart.)
      if (onlyVisible) for (let i = 0; i < charts.length; i++) if (dirty[i] && !visible[i] && charts[i].saysEmpty) paint(i, false);
      for (let k = 0; k < plots.length; k++) {
        const i = (next + k) % plots.length;
        if (!due(i, onlyVisible)) continue;
        paint(i);
        dirty[i] = false;
        next = (i + 1) % plots.length;
        return true;
      }
      return false;
    },
    behind: (onlyVisible: boolean) => plots.some((_, i) => due(i, onlyVisible)),
    onRedraw(fn: () => void) {
      redraw = fn;
    },
    // The loss chart's canvas showing the runs as they are now. uPlot is fetched after start-up: a
    // chart asked for before it has arrived is drawn as it arrives, and taken once painted. Rejects
    // if uPlot cannot be fetched.
    async lossCanvas(): Promise<HTMLCanvasElement | null> {
      drawAll();
      await loadUPlot();
      await new Promise(requestAnimationFrame);
      return loss.canvas();
    },
  };
}
