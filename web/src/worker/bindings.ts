// The parts of the WebAssembly module the worker adapts (typed in cpp/wasm/core.d.ts), checked once
// so a module built without them fails with a clear message instead of "x is not a function".
import type { CoreModule } from '../generated/core.js';

export type { Grid as GridObject, Race2D as Race2DBinding, Trainer as TrainerBinding } from '../generated/core.js';

export function bindings<K extends keyof CoreModule>(core: CoreModule, names: readonly K[]): Pick<CoreModule, K> {
  for (const name of names) {
    if (typeof core[name] !== 'function') throw new Error(`This WebAssembly build has no ${String(name)} binding (rebuild it with npm run build:wasm).`);
  }
  return core;
}
