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
}

export interface CoreOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
}

export default function createCore(options?: CoreOptions): Promise<CoreModule>;
