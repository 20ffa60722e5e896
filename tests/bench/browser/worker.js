import createCore from '../../../web/src/generated/core.js';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import * as tfWasm from '@tensorflow/tfjs-backend-wasm';
import { tfjs, convnet } from '../peers.js';
import { inRounds, measureEngine, onlyDescentPeak } from '../measure.js';

// Served by Vite's dev server from the repository root (a plain string: Vite rewrites the
// new URL(…, import.meta.url) pattern and would resolve the folder to its index.js).
tfWasm.setWasmPaths(`${self.location.origin}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);

self.onmessage = async ({ data }) => {
  try {
    const core = await createCore();
    const setups = {};
    for (const engine of data.engines)
      if (engine !== 'descent-wasm') setups[engine] = engine === 'convnetjs' ? await convnet() : await tfjs(tf, engine === 'tfjs-wasm' ? 'wasm' : 'cpu', tfWasm);
    const run = (engine, id) => measureEngine(core, setups, engine, id);
    for (const result of await inRounds(data.engines, [...data.workloads, 'peak'], run, onlyDescentPeak)) post(result);
    self.postMessage({ type: 'done' });
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err?.stack ?? err) });
  }
};

function post(result) {
  self.postMessage({ type: 'result', result });
}
