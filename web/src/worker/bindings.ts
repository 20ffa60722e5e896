// The bindings the worker uses, checked once so a module built without them fails with a clear
// message instead of "x is not a function".
import type { CoreModule } from '../generated/core.js';

export function need<K extends string>(core: CoreModule, names: readonly K[], what: string): Record<K, any> {
  for (const name of names) {
    if (!(name in core)) throw new Error(`This WebAssembly build has no ${name} binding for ${what} (rebuild with npm run build:wasm).`);
  }
  return core as unknown as Record<K, any>;
}

export function engine(core: CoreModule) {
  return need(core, ['optimizerCatalog', 'scheduleCatalog', 'functionCatalog', 'schedulePreview'] as const, 'the catalogs');
}
