// Loads the browser's WebAssembly build in Node. Node 20's fetch cannot read file: URLs, so the
// loader is handed the bytes directly (see TOOLCHAIN.md §5).
import { readFile } from 'node:fs/promises';

export const generated = new URL('../../web/src/generated/', import.meta.url);

export async function loadCore() {
  const { default: createCore } = await import(new URL('core.js', generated).href);
  const wasmBinary = await readFile(new URL('core.wasm', generated));
  return createCore({ wasmBinary });
}
