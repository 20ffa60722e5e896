// The page's whole state: one experiment (data, model, training) shared by every run, plus the runs
// that race on it (each its own optimizer and schedule). Per run it becomes one experiment spec.
export type Options = { name: string } & Record<string, unknown>;

export interface Layer {
  units: number;
  activation: string;
}

export interface RunConfig {
  optimizer: Options;
  schedule: Options | null;
  // Presets may race a setting that is otherwise shared (batch mode, regularization).
  batch_size?: 'full' | number;
  regularization?: { l1: number; l2: number };
}

export interface DataConfig {
  source: string; // a built-in generator, a bundled set (iris, digits, diabetes) or 'csv'
  n?: number;
  noise?: number;
  test_fraction?: number;
  seed?: number;
  target?: string;
  task?: string;
  roles?: Record<string, string>;
}

export interface PlaygroundState {
  problem: 'data' | 'function';
  data: DataConfig;
  fn: { name: string; x0: [number, number] };
  features: string[];
  model: { hidden: Layer[]; init: string; init_seed: number };
  loss: string;
  regularization: { l1: number; l2: number };
  batch_size: 'full' | number;
  steps: number;
  epochs?: number; // when set, training length is counted in epochs instead of steps
  stop?: { target_loss?: number; patience?: number };
  seed: number;
  speed: number; // optimizer steps per animation frame
  runs: RunConfig[];
}

export const syntheticSources = ['circle', 'xor', 'gauss', 'spiral', 'plane', 'multi_gauss', 'five_points', 'linear', 'sine'];
export const bundledSources = ['iris', 'digits', 'diabetes'];
export const regressionSources = ['plane', 'multi_gauss', 'five_points', 'linear', 'sine', 'diabetes'];

export function defaultState(): PlaygroundState {
  return {
    problem: 'data',
    data: { source: 'circle', n: 400, noise: 0.1, test_fraction: 0.3, seed: 1 },
    fn: { name: 'rosenbrock', x0: [-1.5, 2] },
    features: [],
    model: { hidden: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }], init: 'xavier_uniform', init_seed: 1 },
    loss: 'auto',
    regularization: { l1: 0, l2: 0 },
    batch_size: 32,
    steps: 2000,
    seed: 1,
    speed: 5,
    runs: [{ optimizer: { name: 'adam', lr: 0.01 }, schedule: null }],
  };
}

export function isRegression(state: PlaygroundState): boolean {
  if (state.data.task && state.data.task !== 'auto') return state.data.task === 'regression';
  if (state.data.source === 'csv') return false;
  return regressionSources.includes(state.data.source);
}

// 'auto' lets the engine pick the loss from the task it detects (mse or cross-entropy).
export function defaultLoss(): string {
  return 'auto';
}
