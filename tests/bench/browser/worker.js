import createCore from '../../../web/src/generated/core.js';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import * as tfWasm from '@tensorflow/tfjs-backend-wasm';
import { tfjs, convnet } from '../peers.js';
import { measureEngine } from '../measure.js';

// Served by Vite's dev server from the repository root (a plain string: Vite rewrites the
// new URL(…, import.meta.url) pattern and would resolve the folder to its index.js).
tfWasm.setWasmPaths(`${self.location.origin}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);

// One engine per worker (main.js): it is set up on the first request and measured on each.
let core = null;
const setups = {};

self.onmessage = async ({ data: { engine, id } }) => {
  try {
    if (engine === 'descent-wasm') core ??= await createCore();
    else if (!setups[engine]) setups[engine] = engine === 'convnetjs' ? await convnet() : await tfjs(tf, engine === 'tfjs-wasm' ? 'wasm' : 'cpu', tfWasm);
    self.postMessage({ type: 'result', result: await measureEngine(core, setups, engine, id) });
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err?.stack ?? err) });
  }
};
