// Play, pause, single step, reset, speed, and the live readouts of the first run.
import { formatNumber } from '../format';
import { h, uid } from '../ui/dom';

export interface TransportActions {
  play(): void;
  pause(): void;
  step(): void;
  reset(): void;
  speed(stepsPerFrame: number): void;
}

export interface Readout {
  step: number;
  trainLoss: number | null;
  testLoss: number | null;
  score: number | null;
  trainScore: number | null;
  hasTest: boolean; // false: no rows were held out (e.g. the five points), so the training score is shown
  regression: boolean;
  function: boolean;
  diverged: boolean;
}

const speeds = [1, 2, 5, 10, 20, 50, 100];

export function transport(actions: TransportActions, speed: number) {
  const play = h('button', { type: 'button', class: 'primary', testid: 'play', title: 'play (space)' }, '▶ Play');
  const pause = h('button', { type: 'button', class: 'primary', testid: 'pause', title: 'pause (space)', hidden: true }, '❚❚ Pause');
  const step = h('button', { type: 'button', class: 'secondary', testid: 'step', title: 'one step (→)' }, 'Step');
  const reset = h('button', { type: 'button', class: 'secondary', testid: 'reset', title: 'reset (r)' }, '↺ Reset');
  play.addEventListener('click', () => actions.play());
  pause.addEventListener('click', () => actions.pause());
  step.addEventListener('click', () => actions.step());
  reset.addEventListener('click', () => actions.reset());
  const speedInput = h('input', { type: 'range', min: 0, max: speeds.length - 1, step: 1, id: uid('speed'), 'aria-label': 'speed: steps per frame' });
  const speedText = h('output', { for: speedInput.id });
  // A speed off the slider's scale (from a link or a file) is shown as it is, the slider nearest it.
  function setSpeed(v: number): void {
    speedInput.value = String(speeds.reduce((best, s, i) => (Math.abs(s - v) < Math.abs(speeds[best] - v) ? i : best), 0));
    speedText.textContent = `${v}×`;
  }
  setSpeed(speed);
  speedInput.addEventListener('input', () => {
    const v = speeds[Number(speedInput.value)];
    speedText.textContent = `${v}×`;
    actions.speed(v);
  });

  const stepCount = h('output', { testid: 'step-count', class: 'value', text: '0' });
  const trainLoss = h('output', { testid: 'train-loss', class: 'value', text: '–' });
  const testLoss = h('output', { testid: 'test-loss', class: 'value', text: '–' });
  const accuracy = h('output', { testid: 'test-accuracy', class: 'value', text: '–' });
  const r2 = h('output', { testid: 'test-r2', class: 'value', text: '–' });
  const stat = (label: string, value: HTMLElement, hint: string) => h('div', { class: 'stat', title: hint }, h('span', { class: 'label', text: label }), value);
  const trainLabel = h('span', { class: 'label', text: 'train loss' });
  const accuracyStat = stat('test accuracy', accuracy, 'share of test samples classified correctly');
  const r2Stat = stat('test R²', r2, '1 − residual / total sum of squares on the test set');
  const testStat = stat('test loss', testLoss, 'loss on held-out data');
  const trainScore = h('output', { testid: 'train-score', class: 'value', text: '–' });
  const trainScoreLabel = h('span', { class: 'label', text: 'train R²' });
  const trainScoreStat = h('div', { class: 'stat', title: 'this data set holds no rows out for testing: the score on the training rows', hidden: true }, trainScoreLabel, trainScore);
  // Huge but finite numbers do not say "diverged" by themselves.
  const divergedStat = h('div', { class: 'stat warn', testid: 'diverged', title: 'the loss or the gradient stopped being a finite number; the numbers are the last finite ones', hidden: true },
    h('span', { class: 'label', text: 'run 1' }), h('span', { class: 'value', text: 'diverged' }));
  const el = h('div', { class: 'transport', role: 'toolbar', 'aria-label': 'training controls' },
    h('div', { class: 'buttons' }, play, pause, step, reset),
    h('div', { class: 'speed' }, h('label', { for: speedInput.id, text: 'Speed' }), speedInput, speedText),
    h('div', { class: 'stats', 'aria-live': 'off' },
      stat('step', stepCount, 'optimizer steps taken'),
      h('div', { class: 'stat', title: 'loss over the whole training set' }, trainLabel, trainLoss),
      testStat, accuracyStat, r2Stat, trainScoreStat, divergedStat));

  // Play and Pause share one place: the focus moves with it, or a keyboard user would be left on nothing.
  function setPlaying(playing: boolean): void {
    const focused = (playing ? play : pause).matches(':focus');
    play.hidden = playing;
    pause.hidden = !playing;
    if (focused) (playing ? pause : play).focus();
  }

  // After the last step both buttons start the race over: their tooltips say so.
  function setFinished(finished: boolean): void {
    play.title = finished ? 'play again from step 0 (space)' : 'play (space)';
    step.title = finished ? 'start over and take one step (→)' : 'one step (→)';
  }

  function set(node: HTMLElement, text: string): void {
    if (node.textContent !== text) node.textContent = text;
  }

  // NaN without divergence means "not measured" (e.g. no test set): shown as a dash.
  const show = (r: Readout): void => {
    const fmt = (v: number | null) => (v === null || (Number.isNaN(v) && !r.diverged) ? '–' : formatNumber(v));
    set(stepCount, String(r.step));
    set(trainLabel, r.function ? 'f(x, y)' : 'train loss');
    set(trainLoss, fmt(r.trainLoss));
    set(testLoss, fmt(r.testLoss));
    testStat.hidden = r.function || !r.hasTest;
    divergedStat.hidden = !r.diverged;
    accuracyStat.hidden = r.function || r.regression || !r.hasTest;
    r2Stat.hidden = r.function || !r.regression || !r.hasTest;
    trainScoreStat.hidden = r.function || r.hasTest;
    set(trainScoreLabel, r.regression ? 'train R²' : 'train accuracy');
    const ts = r.trainScore;
    set(trainScore, ts === null || !Number.isFinite(ts) ? '–' : r.regression ? fmt(ts) : `${(ts * 100).toFixed(1)}%`);
    set(accuracy, r.regression || r.score === null || !Number.isFinite(r.score) ? '–' : `${(r.score * 100).toFixed(1)}%`);
    set(r2, r.regression ? fmt(r.score) : '–');
  };

  return { el, setPlaying, setFinished, setSpeed, show };
}
