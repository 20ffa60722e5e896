// Runs the benchmark in module Web Workers, as the playground trains — one worker per engine, so that no
// engine measures on a heap another engine filled — and exposes the results to the driver
// (tests/bench/run.mjs) through window.benchResults. The engines take turns in rounds (measure.js).
import { inRounds, onlyDescentPeak } from '../measure.js';

const out = document.getElementById('out');
window.benchResults = [];

function engineWorker() {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  let pending = null;
  worker.onmessage = ({ data }) => {
    if (data.type === 'result') pending.resolve(data.result);
    else pending.reject(new Error(data.message));
  };
  return (engine, id) =>
    new Promise((resolve, reject) => {
      pending = { resolve, reject };
      worker.postMessage({ engine, id });
    });
}

window.startBench = async (engines, workloads) => {
  try {
    const workers = Object.fromEntries(engines.map((e) => [e, engineWorker()]));
    const results = await inRounds(engines, [...workloads, 'peak'], (engine, id) => workers[engine](engine, id), onlyDescentPeak);
    window.benchResults.push(...results);
    out.textContent = JSON.stringify(window.benchResults, null, 1);
    window.benchDone = true;
  } catch (err) {
    window.benchError = String(err?.stack ?? err);
  }
};
