// A gallery of small experiments, each showing one idea of gradient descent.
import { defaultState, type PlaygroundState, type RunConfig } from './state/types';

export interface Preset {
  id: string;
  title: string;
  lesson: string;
  state: () => PlaygroundState;
}

function dataState(change: Partial<PlaygroundState>): PlaygroundState {
  return { ...defaultState(), ...change };
}

function fnState(name: string, x0: [number, number], runs: RunConfig[], steps: number): PlaygroundState {
  return { ...defaultState(), problem: 'function', fn: { name, x0 }, runs, steps, speed: 2 };
}

const sgd = (lr: number, extra: Record<string, unknown> = {}): RunConfig => ({ optimizer: { name: 'sgd', lr, ...extra }, schedule: null });
const tutorialData = { source: 'five_points' };
const linear = { hidden: [], init: 'zeros', init_seed: 0 };

export const presets: Preset[] = [
  {
    id: 'tutorial',
    title: 'Five-point linear regression',
    lesson: 'The classic lesson: fit y = θ0 + θ1·x to five points with plain gradient descent, lr 0.01, 1000 steps.',
    state: () => dataState({ data: tutorialData, model: linear, loss: 'mse', batch_size: 'full', steps: 1000, runs: [sgd(0.01)], speed: 2 }),
  },
  {
    id: 'learning-rate',
    title: 'Learning rate too small / too big',
    lesson: 'Too small crawls, about right converges, too big overshoots and diverges.',
    state: () => dataState({ data: tutorialData, model: linear, loss: 'mse', batch_size: 'full', steps: 300, runs: [sgd(0.001), sgd(0.02), sgd(0.1)], speed: 1 }),
  },
  {
    id: 'batch-modes',
    title: 'Full batch vs SGD vs mini-batch',
    lesson: 'The whole set per step is smooth but costly; one sample per step is noisy; mini-batches sit in between.',
    state: () => dataState({
      data: { source: 'gauss', n: 400, noise: 0.2, test_fraction: 0.3, seed: 1 },
      model: { hidden: [{ units: 4, activation: 'tanh' }], init: 'xavier_uniform', init_seed: 1 },
      steps: 400,
      runs: [
        { ...sgd(0.05), batch_size: 'full' },
        { ...sgd(0.05), batch_size: 1 },
        { ...sgd(0.05), batch_size: 16 },
      ],
      speed: 2,
    }),
  },
  {
    id: 'momentum-ravine',
    title: 'SGD vs momentum in a ravine',
    lesson: 'In a narrow valley the steep walls keep plain SGD’s step small, so it crawls along the flat floor; momentum builds up speed along the floor, swinging from wall to wall on the way, and ends about 30 times lower in the same 100 steps.',
    state: () => fnState('ravine', [-4, -3.5], [sgd(0.035), sgd(0.035, { momentum: 0.9 })], 100),
  },
  {
    id: 'adaptive-rosenbrock',
    title: 'AdaGrad vs RMSProp vs Adam on Rosenbrock',
    lesson: 'Per-coordinate step sizes on the curved Rosenbrock valley: AdaGrad slows down for good, RMSProp and Adam keep moving.',
    state: () => fnState('rosenbrock', [-1.5, 2], [
      { optimizer: { name: 'adagrad', lr: 0.5 }, schedule: null },
      { optimizer: { name: 'rmsprop', lr: 0.01 }, schedule: null },
      { optimizer: { name: 'adam', lr: 0.05 }, schedule: null },
    ], 2000),
  },
  {
    id: 'step-vs-cosine',
    title: 'Step decay vs cosine annealing',
    lesson: 'Two ways to lower the learning rate as training goes on; watch the lr chart and the loss settle.',
    state: () => dataState({
      data: { source: 'spiral', n: 400, noise: 0.1, test_fraction: 0.3, seed: 1 },
      model: { hidden: [{ units: 16, activation: 'relu' }, { units: 16, activation: 'relu' }], init: 'kaiming_uniform', init_seed: 1 },
      steps: 3000,
      runs: [
        { optimizer: { name: 'sgd', lr: 0.1, momentum: 0.9 }, schedule: { name: 'step', step_size: 1000, gamma: 0.3 } },
        { optimizer: { name: 'sgd', lr: 0.1, momentum: 0.9 }, schedule: { name: 'cosine', T_max: 3000 } },
      ],
      speed: 10,
    }),
  },
  {
    id: 'vanishing',
    title: 'Deep sigmoid net: vanishing gradients',
    lesson: 'Six sigmoid layers: the per-layer gradient norms shrink towards the input and the first layers barely learn.',
    state: () => dataState({
      data: { source: 'circle', n: 400, noise: 0.1, test_fraction: 0.3, seed: 1 },
      model: { hidden: Array.from({ length: 6 }, () => ({ units: 8, activation: 'sigmoid' })), init: 'xavier_uniform', init_seed: 1 },
      steps: 2000,
      runs: [sgd(0.1)],
      speed: 10,
    }),
  },
  {
    id: 'relu-fix',
    title: 'The ReLU fix',
    lesson: 'The same deep net with ReLU and Kaiming initialisation: gradients reach the first layers and it learns.',
    state: () => dataState({
      data: { source: 'circle', n: 400, noise: 0.1, test_fraction: 0.3, seed: 1 },
      model: { hidden: Array.from({ length: 6 }, () => ({ units: 8, activation: 'relu' })), init: 'kaiming_uniform', init_seed: 1 },
      steps: 2000,
      runs: [sgd(0.1)],
      speed: 10,
    }),
  },
  {
    id: 'l1-vs-l2',
    title: 'L1 vs L2 regularization',
    lesson: 'L1 pushes weights to exactly zero (sparse); L2 shrinks all of them a little. Compare the boundaries.',
    state: () => dataState({
      data: { source: 'xor', n: 400, noise: 0.2, test_fraction: 0.3, seed: 1 },
      features: ['square', 'product', 'sin'],
      model: { hidden: [{ units: 8, activation: 'tanh' }], init: 'xavier_uniform', init_seed: 1 },
      steps: 2000,
      runs: [
        { optimizer: { name: 'adam', lr: 0.03 }, schedule: null, regularization: { l1: 0.01, l2: 0 } },
        { optimizer: { name: 'adam', lr: 0.03 }, schedule: null, regularization: { l1: 0, l2: 0.01 } },
      ],
      speed: 10,
    }),
  },
  {
    id: 'saddle',
    title: 'Escaping a saddle point',
    lesson: 'Starting almost on the ridge of x² − y², the gradient is tiny; momentum and Adam escape much sooner.',
    state: () => fnState('saddle', [1.5, 0.001], [sgd(0.05), sgd(0.05, { momentum: 0.9 }), { optimizer: { name: 'adam', lr: 0.05 }, schedule: null }], 80),
  },
];

export function findPreset(id: string): Preset | undefined {
  return presets.find((p) => p.id === id);
}

// The lesson a state is, so that a link or a file brings its note back: the same experiment, whatever
// the order of its keys and the speed it plays at (the hash follows the speed slider, and a lesson
// sped up is still that lesson).
export function presetFor(state: PlaygroundState): Preset | null {
  const key = (s: PlaygroundState) => JSON.stringify({ ...s, speed: 0 }, sortedKeys);
  const wanted = key(state);
  return presets.find((p) => key(p.state()) === wanted) ?? null;
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
