// Loads the browser's WebAssembly build in Node. Node 20's fetch cannot read file: URLs, so the
// loader is handed the bytes directly (see TOOLCHAIN.md §5). DESCENT_WASM_DIR points at another
// build's output folder (e.g. a developer's build-wasm-* with -DDESCENT_WASM_OUT); default
// web/src/generated.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

export const generated = process.env.DESCENT_WASM_DIR
  ? pathToFileURL(process.env.DESCENT_WASM_DIR.replace(/\/?$/, '/'))
  : new URL('../../web/src/generated/', import.meta.url);

export async function loadCore() {
  const { default: createCore } = await import(new URL('core.js', generated).href);
  const wasmBinary = await readFile(new URL('core.wasm', generated));
  return createCore({ wasmBinary });
}
