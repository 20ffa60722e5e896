// Hand-written types for the Embind module (Emscripten 3.1.6 cannot emit them).
// Each binding file owns one section below; keep them in step with cpp/wasm/bind_*.cpp.

// --- bind_core.cpp -------------------------------------------------------------------------
export interface CoreInfo {
  version: string;
  simd: boolean;
}

export interface CoreModule {
  info(): CoreInfo;
  simdDot(a: Float32Array, b: Float32Array): number;

  // --- bind_engine.cpp (optimizers, schedules, 2-D test functions) ---------------------------

  // --- bind_trainer.cpp (experiment spec, trainer, metrics) ----------------------------------
  /** Validates a spec (JSON text) and returns it normalised with every default filled in. Throws Error("<field>: ..."). */
  normalizeSpec(specJson: string): string;
  Trainer: TrainerConstructor;
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
  /** Exact loss over (w, b) for a one-input linear model, with the optimizer's path. */
  parameterLandscape(resolution: number): ParameterLandscape;
  /** Loss along two filter-normalised random directions, α, β in [-span, span]. */
  randomLandscape(resolution: number, span: number, seed: number): Grid;
  delete(): void;
}

export interface CoreOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
}

export default function createCore(options?: CoreOptions): Promise<CoreModule>;
