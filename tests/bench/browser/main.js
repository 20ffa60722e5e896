// Runs the benchmark inside a module Web Worker, as the playground trains, and exposes the results to
// the driver (tests/bench/run.mjs) through window.benchResults.
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const out = document.getElementById('out');
window.benchResults = [];
worker.onmessage = ({ data }) => {
  if (data.type === 'result') window.benchResults.push(data.result);
  if (data.type === 'done') window.benchDone = true;
  if (data.type === 'error') window.benchError = data.message;
  out.textContent = JSON.stringify(window.benchResults, null, 1);
};
window.startBench = (engines, workloads) => worker.postMessage({ engines, workloads });
