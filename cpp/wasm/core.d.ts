// Hand-written types for the Embind module (Emscripten 3.1.6 cannot emit them).
// Each binding file owns one section below; keep them in step with cpp/wasm/bind_*.cpp.

// --- bind_core.cpp -------------------------------------------------------------------------
export interface CoreInfo {
  version: string;
  simd: boolean;
}

// --- bind_bench.cpp --------------------------------------------------------------------------
export interface BenchResult {
  workload: 'W1' | 'W2' | 'W3' | 'W4' | 'peak';
  median: number;
  min: number;
  max: number;
  unit: 'samples_per_s' | 'us_per_1000_updates' | 'gflop_s';
  repetitions: number;
}

export interface CoreModule {
  /** Times a speed workload (docs/performance.md) after ≥ 0.5 s of warm-up; blocks the calling thread. */
  benchmark(workload: string, repetitions: number): BenchResult;
  info(): CoreInfo;
  simdDot(a: Float32Array, b: Float32Array): number;

  // --- bind_engine.cpp (optimizers, schedules, 2-D test functions) ---------------------------
  /** JSON text: [{name, title, summary, params: CatalogParam[], update: LaTeX}] (every optimizer). */
  optimizerCatalog(): string;
  /** JSON text: [{name, title, summary, params: CatalogParam[], formula: LaTeX, needs_metric, overrides_lr}]. */
  scheduleCatalog(): string;
  /** JSON text: FunctionInfo[] (every 2-D test function). */
  functionCatalog(): string;
  /** Validates an optimizer spec (JSON text) and returns every option with defaults filled in.
   *  Throws Error("optimizer.<field>: ...") naming the field and the allowed values. */
  resolveOptimizer(specJson: string): string;
  /** lr of steps 0 … steps−1 (a copy). Throws for reduce_on_plateau (it needs the loss). */
  schedulePreview(specJson: string, baseLr: number, steps: number): Float64Array;
  /** f on an nx × ny grid over the function's range: values[j * nx + i] at (x_i, y_j) (a copy). */
  functionGrid(name: string, nx: number, ny: number): Float64Array;
  Race2D: Race2DConstructor;

  // --- bind_trainer.cpp (experiment spec, trainer, metrics) ----------------------------------
  /** Validates a spec (JSON text) and returns it normalised with every default filled in. Throws Error("<field>: ..."). */
  normalizeSpec(specJson: string): string;
  Trainer: TrainerConstructor;

  // --- bind_search.cpp (hyper-parameter search, LR range test) -------------------------------
  /** JSON text: PlanLine[] for every run of the search (grid order, or the seeded random draws).
   *  Throws Error("search.params.<name>: ...") naming the field and what is allowed. */
  expandSearch(specJson: string, searchJson: string): string;
  SweepRun: SweepRunConstructor;
  LrFinder: LrFinderConstructor;
}

// bind_engine.cpp types
export interface CatalogParam {
  name: string;
  type: 'number' | 'integer' | 'boolean' | 'pair' | 'choice' | 'integer list';
  default: unknown;
  /** Bounds (null = unbounded); *_exclusive marks an open bound. */
  min: number | null;
  max: number | null;
  min_exclusive?: boolean;
  max_exclusive?: boolean;
  choices?: string[];
  /** null is accepted and means "derive from context" (see description). */
  nullable?: boolean;
  description: string;
}

export interface FunctionInfo {
  name: string;
  title: string;
  /** LaTeX */
  formula: string;
  description: string;
  minima: { x: number; y: number; value: number; global: boolean }[];
  range: { x: [number, number]; y: [number, number] };
  start: [number, number];
}

export interface Race2DConstructor {
  /** spec: {"function": name, "x0"?: [x, y], "runs": [{"optimizer": {...}, "schedule"?: {...} | null}, ...]}.
   *  Throws Error naming the field, e.g. "race.runs[1].optimizer.betas[1]: ...". */
  new (specJson: string): Race2D;
}

/** Several optimizer runs (double precision) from one start on one function, stepped together.
 *  Run i is addressed by its index in spec.runs. */
export interface Race2D {
  /** Up to n more updates per run (diverged runs stay put); returns the largest stepsDone(). */
  step(n: number): number;
  runCount(): number;
  /** Updates done by run i (including the one that diverged). */
  stepsDone(i: number): number;
  /** The update that produced a non-finite point or loss (that point is not recorded), or -1. */
  divergedStep(i: number): number;
  /** The lr the next update will use. */
  lr(i: number): number;
  /* The views below point into the wasm heap. Memory growth (any call that allocates, e.g. step())
   * detaches them (length 0): fetch them again after every call, and post view.slice(), never the view. */
  /** x0, y0, x1, y1, ... (stepsDone + 1 points unless diverged). */
  trajectory(i: number): Float64Array;
  /** f at every trajectory point. */
  losses(i: number): Float64Array;
  /** lr of every update. */
  lrs(i: number): Float64Array;
  /** State buffer `name` (one of stateNames(i)) after the last update, e.g. momentum_buffer or exp_avg: [x, y]. */
  state(i: number, name: string): Float64Array;
  /** e.g. ["exp_avg", "exp_avg_sq"]; [] for plain SGD. */
  stateNames(i: number): string[];
  /** Gradient used by the last update (a copy). */
  lastGradient(i: number): Float64Array;
  /** JSON text of the run's optimizer options with defaults filled in. */
  hyperparameters(i: number): string;
  delete(): void;
}

// bind_trainer.cpp types
export interface TrainerConstructor {
  /** csv: the bytes for data.source "csv" or a bundled set's file (string or Uint8Array); "" otherwise. */
  new (specJson: string, csv: string | Uint8Array): Trainer;
}

export type StopReason = 'running' | 'max_steps' | 'max_epochs' | 'target_loss' | 'early_stopping' | 'diverged';

export interface TrainerStatus {
  steps: number;
  epoch: number;
  done: boolean;
  stop: StopReason;
  /** The step whose loss or gradient was not finite, or -1. */
  divergedAt: number;
  /** An evaluation record was added during this call. */
  evaluated: boolean;
}

export interface Grid {
  nx: number;
  ny: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Row-major, values[j * nx + i] at (x_i, y_j); a copy, safe to post. */
  values: Float32Array;
}

export interface ParameterLandscape extends Grid {
  pathX: Float32Array;
  pathY: Float32Array;
}

export interface Trainer {
  /** Runs up to n steps; the chunk* views then cover exactly those steps. */
  step(n: number): TrainerStatus;
  /** Global index of the first step of the last chunk. */
  chunkFirst(): number;
  /** Views into the wasm heap: read or slice() before the next call (memory growth detaches them). */
  chunkLosses(): Float32Array;
  chunkLrs(): Float32Array;
  chunkGradNorms(): Float32Array;
  evalCount(): number;
  /** JSON array of evaluation records from index `from` on (the CLI's "eval" lines). */
  evalsJson(from: number): string;
  /** The CLI's summary line as JSON (final losses and scores, stop reason, confusion matrix). */
  summaryJson(): string;
  /** [{"W": out × in, "b": out}, ...] */
  parametersJson(): string;
  specJson(): string;
  /** {name, task, features, target, classes, n_train, n_test, notes} */
  datasetJson(): string;
  /** P(class 1) (binary), class id (multiclass) or prediction (regression); 1 or 2 input features. */
  predictionGrid(resolution: number): Grid;
  /** Every row (train, then test) in predictionGrid's feature units: x = feature 1, y = feature 2 (1 feature: the target). */
  points(): { x: Float32Array; y: Float32Array; label: Float32Array; test: Uint8Array };
  /** The model's output for every row in points() order (probability / class id / prediction). */
  predictions(): Float32Array;
  /** Exact loss over (w, b) for a one-input linear model, with the optimizer's path. */
  parameterLandscape(resolution: number): ParameterLandscape;
  /** Loss along two filter-normalised random directions, α, β in [-span, span]. */
  randomLandscape(resolution: number, span: number, seed: number): Grid;
  delete(): void;
}

// bind_search.cpp types
/** A search description (docs/search.md): the spec's "search" block. */
export interface SearchDescription {
  method?: 'grid' | 'random';
  /** random only: number of sampled configurations (1..10000). */
  runs?: number;
  /** random only: seed of the sampler. */
  seed?: number;
  /** Dimension name (lr, optimizer, momentum, beta1, beta2, weight_decay, batch_size, schedule, hidden_units,
   *  steps, epochs, or a dotted spec path) -> a list of values or a range. */
  params: Record<string, unknown[] | { min: number; max: number; count?: number; scale?: 'log' | 'linear' }>;
}

export interface PlanLine {
  index: number;
  /** Dimension name -> this run's value, in the order of the description. */
  config: Record<string, unknown>;
  /** The complete normalised experiment spec of this run (no "search" key). */
  spec: Record<string, unknown>;
}

/** The result fields of a sweep line (numbers as in `descent train`'s summary; non-finite -> null). */
export interface SweepResult {
  train_loss: number | null;
  test_loss: number | null;
  /** Classification. */
  train_accuracy?: number | null;
  test_accuracy?: number | null;
  /** Regression. */
  train_r2?: number | null;
  test_r2?: number | null;
  diverged: boolean;
  diverged_at: number | null;
  steps: number;
  stop: StopReason;
  seconds: number;
}

export type ResultLine = PlanLine & SweepResult;

export interface SweepRunConstructor {
  /** specJson: a plan line's spec; csv as for Trainer. */
  new (specJson: string, csv: string | Uint8Array): SweepRun;
}

export interface SweepRun {
  /** Up to n more steps; true when finished (budget, stop rule or divergence). */
  step(n: number): boolean;
  /** 0..1 of the run's step budget. */
  progress(): number;
  /** JSON text of SweepResult. */
  resultJson(): string;
  delete(): void;
}

export interface LrFinderOptions {
  min_lr?: number;          // 1e-7
  max_lr?: number;          // 10
  steps?: number;           // 100 (5..10000)
  smoothing?: number;       // 0.9 (EMA beta, 0 <= beta < 1)
  diverge_factor?: number;  // 4: stop once smoothed > factor × its minimum
}

export interface LrFinderConstructor {
  /** optionsJson: JSON text of LrFinderOptions ("" or "{}" for the defaults). */
  new (specJson: string, csv: string | Uint8Array, optionsJson: string): LrFinder;
}

export interface LrFinderResult {
  lrs: number[];
  losses: number[];
  smoothed: number[];
  stopped_early: boolean;
  /** null when the curve is too short (fewer than 5 points; steepest also when the minimum comes first).
   *  min_over_10 is the suggestion to offer first (the tests hold it to the best of a grid). */
  suggestion: { steepest: number | null; min_over_10: number | null; min_loss_lr: number | null };
}

export interface LrFinder {
  /** Up to n more lrs; true when done (all steps, or stopped early on an exploding loss). */
  step(n: number): boolean;
  /** JSON text of LrFinderResult. */
  resultJson(): string;
  delete(): void;
}

export interface CoreOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
}

export default function createCore(options?: CoreOptions): Promise<CoreModule>;
