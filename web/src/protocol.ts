// Messages between the page and a training worker (one worker per run). The page never touches the
// WebAssembly module; the worker adapts these messages to the bindings.
import type { CoreInfo } from './generated/core.js';
import type { Options } from './state/types';

export interface ParamSpec {
  name: string;
  type: string; // 'number' | 'integer' | 'boolean' | 'pair' | 'string'
  default: unknown;
  min?: number;
  max?: number;
  values?: string[];
  description: string;
}

export interface CatalogEntry {
  name: string;
  title: string;
  description: string;
  params: ParamSpec[];
  update?: string; // LaTeX
}

export interface FunctionEntry {
  name: string;
  title: string;
  description: string;
  x: [number, number]; // plotting range
  y: [number, number];
  x0: [number, number];
  minima: Array<[number, number]>;
}

export interface Catalog {
  optimizers: CatalogEntry[];
  schedules: CatalogEntry[];
  functions: FunctionEntry[];
}

// What a run trains: an experiment spec (data + network) or a 2-D test function from a start point.
export type Job =
  | { kind: 'train'; spec: Record<string, unknown>; csv?: string }
  | { kind: 'function'; fn: string; x0: [number, number]; optimizer: Options; schedule: Options | null; steps: number };

export interface Grid {
  x: [number, number];
  y: [number, number];
  nx: number;
  ny: number;
  values: Float32Array; // row-major, y rows from bottom to top
}

export interface Points {
  x: Float32Array; // first feature (the data set's stored, standardised units, as the grids)
  y: Float32Array; // second feature, or the target for 1-D regression
  label: Float32Array; // class index or target
  test: Uint8Array; // 1 for test points
}

export interface RunSummary {
  task: 'regression' | 'binary' | 'multiclass' | 'function';
  inputs: number;
  classes: string[];
  notes: string[];
  nTest: number;
  points: Points | null; // for 1-D and 2-D data views
  landscape: Grid | null; // 2-D test functions and 1-feature linear regression (θ0 = w, θ1 = b)
  start: [number, number] | null; // first point of the trajectory on the landscape
}

// What a 2-D optimizer carries between steps: its first moment (momentum buffer, Adam's m) and its
// per-coordinate second moment (AdaGrad's sum, RMSProp's and Adam's squared-gradient average).
export interface Internals {
  moment: [number, number] | null;
  scale: [number, number] | null;
}

export interface Evaluation {
  step: number;
  trainLoss: number;
  testLoss: number;
  score: number; // test accuracy or R² (NaN without a test set)
  trainScore: number;
  layerGradNorms: number[];
}

// Metrics since the previous batch, plus a fresh picture for the data view when it is due.
export interface Progress {
  step: number;
  done: boolean;
  divergedAt: number | null;
  steps: number[];
  loss: number[];
  lr: number[];
  gradNorm: number[];
  evals: Evaluation[];
  path: number[]; // new trajectory points x0, y0, x1, y1, ... (the whole path when pathReset)
  pathReset: boolean;
  landscape: Grid | null; // a recomputed landscape (1-feature linear regression follows its path)
  internals: Internals | null; // optimizer state at the last point (2-D runs)
  view: View | null;
}

export type View =
  | { kind: 'boundary'; grid: Grid }
  | { kind: 'curve'; x: Float32Array; y: Float32Array }
  | { kind: 'predicted'; actual: Float32Array; predicted: Float32Array }
  | { kind: 'confusion'; classes: number; counts: number[] };

export type Request =
  | { type: 'info'; id: number }
  | { type: 'catalog'; id: number }
  | { type: 'lr-preview'; id: number; schedule: Options | null; lr: number; steps: number }
  | { type: 'start'; id: number; job: Job }
  | { type: 'play'; stepsPerTick: number }
  | { type: 'pause' }
  | { type: 'step'; n: number }
  | { type: 'weights'; id: number }
  | SearchRequest;

export type Reply =
  | { type: 'info'; id: number; info: CoreInfo; dot: number }
  | { type: 'catalog'; id: number; catalog: Catalog }
  | { type: 'lr-preview'; id: number; lrs: number[] }
  | { type: 'started'; id: number; summary: RunSummary }
  | { type: 'progress'; progress: Progress }
  | { type: 'weights'; id: number; json: string }
  | { type: 'error'; id: number; message: string }
  | SearchReply;

// --- Learning-rate finder and hyper-parameter search (issue 9; docs/search.md). The shapes are the
// bindings' own (cpp/wasm/core.d.ts): a search is expanded once into plan lines, each one complete run.
export type { PlanLine, SweepResult, LrFinderOptions as LrFindOptions, LrFinderResult as LrFindResult, SearchDescription as Search } from './generated/core.js';
import type { PlanLine, SweepResult, LrFinderOptions, LrFinderResult, SearchDescription } from './generated/core.js';

export type SearchRequest =
  | { type: 'lr-find'; id: number; spec: Record<string, unknown>; csv?: string; options: LrFinderOptions }
  | { type: 'expand-search'; id: number; spec: Record<string, unknown>; search: SearchDescription }
  | { type: 'sweep-run'; id: number; line: PlanLine; csv?: string };

export type SearchReply =
  | { type: 'lr-progress'; id: number; lrs: number[]; losses: number[]; smoothed: number[] }
  | { type: 'lr-result'; id: number; result: LrFinderResult }
  | { type: 'plan'; id: number; lines: PlanLine[] }
  | { type: 'sweep-progress'; id: number; fraction: number }
  | { type: 'sweep-result'; id: number; result: SweepResult };
