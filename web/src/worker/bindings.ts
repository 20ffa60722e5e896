// The parts of the WebAssembly module the worker adapts (cpp/wasm/bind_engine.cpp and
// bind_trainer.cpp), checked once so a module built without them fails with a clear message.
import type { CoreModule } from '../generated/core.js';

export interface GridObject {
  nx: number;
  ny: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  values: Float32Array;
  pathX?: Float32Array;
  pathY?: Float32Array;
}

export interface TrainerBinding {
  step(n: number): { steps: number; done: boolean; stop: string; divergedAt: number; evaluated: boolean };
  chunkFirst(): number;
  chunkLosses(): Float32Array;
  chunkLrs(): Float32Array;
  chunkGradNorms(): Float32Array;
  evalCount(): number;
  evalsJson(from: number): string;
  summaryJson(): string;
  parametersJson(): string;
  datasetJson(): string;
  predictionGrid(resolution: number): GridObject;
  parameterLandscape(resolution: number): GridObject;
  delete(): void;
}

export interface Race2DBinding {
  step(n: number): number;
  stepsDone(run: number): number;
  divergedStep(run: number): number;
  trajectory(run: number): Float64Array;
  losses(run: number): Float64Array;
  lrs(run: number): Float64Array;
  lastGradient(run: number): Float64Array;
  stateNames(run: number): string[];
  state(run: number, name: string): Float64Array;
  hyperparameters(run: number): string;
  delete(): void;
}

export interface Bindings {
  optimizerCatalog(): string;
  scheduleCatalog(): string;
  functionCatalog(): string;
  schedulePreview(spec: string, baseLr: number, steps: number): Float64Array;
  functionGrid(name: string, nx: number, ny: number): Float64Array;
  Race2D: new (spec: string) => Race2DBinding;
  Trainer: new (spec: string, csv: string) => TrainerBinding;
}

export function bindings<K extends keyof Bindings>(core: CoreModule, names: readonly K[]): Pick<Bindings, K> {
  for (const name of names) {
    if (!(name in core)) throw new Error(`This WebAssembly build has no ${name} binding (rebuild it with npm run build:wasm).`);
  }
  return core as unknown as Pick<Bindings, K>;
}
