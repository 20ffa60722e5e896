// npm run bench [-- --json] [-- --quick]
// Runs W1–W4 for descent (native CLI, WebAssembly in Node, WebAssembly in a Chromium Web Worker) and,
// in the same run and environments, TF.js 4.22 (WASM SIMD and CPU backends) and ConvNetJS 0.3; PyTorch
// (one thread) natively when Debian's python3-torch is installed; and, in WebAssembly, the four-lane
// multiply + add peak that W2 and W3 are compared with. Prints a markdown table with ratios, or with
// --json one JSON object per line {engine, env, workload, median, min, max, unit}.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workloads, flopsPerSample, realFlopsPerSample } from './workloads.js';
import { inRounds, measureEngine, mergeRounds, onlyDescentPeak, rounds } from './measure.js';
import { tfjs, convnet } from './peers.js';
import { loadCore } from '../node/load-core.js';
import { openBrowser } from '../e2e/browser.js';
import { pagePerformance } from './page.js';

const asJson = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const ids = quick ? ['W1', 'W4'] : Object.keys(workloads);
const root = fileURLToPath(new URL('../../', import.meta.url));
const results = [];
const notes = [];
const log = (...a) => (asJson ? console.error(...a) : console.log(...a));

function record(r) {
  const row = { engine: r.engine, env: r.env, workload: r.workload, median: r.median, min: r.min, max: r.max, unit: r.unit };
  if (r.backend) row.backend = r.backend;
  results.push(row);
  if (asJson) console.log(JSON.stringify(row));
  else log(`  ${row.env.padEnd(8)} ${row.engine.padEnd(14)} ${row.workload} median ${fmt(row.median)} ${row.unit}${r.backend ? ` (${r.backend})` : ''}`);
}

// 1. Native: the CLI and PyTorch take turns, `rounds` times (see measure.js).
const cli = `${root}build/descent`;
const native = new Map();
const keep = (r) => {
  const key = `${r.engine} ${r.workload}`;
  if (!native.has(key)) native.set(key, []);
  native.get(key).push(r);
};
if (!existsSync(cli)) notes.push('descent-native skipped: build/descent missing (run npm run build:native)');
log('native: descent bench and PyTorch');
for (let round = 0; round < rounds; round++) {
  if (existsSync(cli)) {
    const out = execFileSync(cli, ['bench', '--json', ...ids.flatMap((id) => ['--workload', id])], { encoding: 'utf8' });
    for (const line of out.trim().split('\n')) keep(JSON.parse(line));
  }
  const torch = spawnSync('/usr/bin/python3', [`${root}tests/bench/torch_bench.py`, ...ids], { encoding: 'utf8' });
  if (torch.status !== 0) {
    if (round === 0) notes.push(`PyTorch skipped: ${(torch.stderr || 'python3-torch not installed').trim().split('\n').at(-1)}`);
    continue;
  }
  for (const line of torch.stdout.trim().split('\n')) {
    const r = JSON.parse(line);
    if (!r.note) keep(r);
    else if (!notes.includes(r.note)) notes.push(r.note);
  }
}
for (const list of native.values()) record(mergeRounds(list));

// 2. Node: the engines take turns as in the browser worker.
log('node: descent-wasm, tfjs-wasm, tfjs-cpu, convnetjs');
const core = await loadCore();
const tfUnion = await import('@tensorflow/tfjs');
const tf = tfUnion.default ?? tfUnion;
const tfWasm = await import('@tensorflow/tfjs-backend-wasm');
const setups = { 'tfjs-wasm': await tfjs(tf, 'wasm', tfWasm), 'tfjs-cpu': await tfjs(tf, 'cpu'), convnetjs: await convnet() };
const engines = ['descent-wasm', 'tfjs-wasm', 'tfjs-cpu', 'convnetjs'];
const runNode = (engine, id) => measureEngine(core, setups, engine, id);
for (const r of await inRounds(engines, [...ids, 'peak'], runNode, onlyDescentPeak)) record({ ...r, env: 'node' });

// 3. Chromium, inside a Web Worker, through Vite's dev server (bundles the peers for the browser).
log('chromium: the same engines in a Web Worker');
const { createServer } = await import('vite');
const server = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  server: { host: '127.0.0.1', port: 5190, strictPort: false },
  // Pre-bundle the peers up front: deps discovered while the worker runs would be bundled twice.
  optimizeDeps: { entries: ['tests/bench/browser/index.html'], include: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-core/dist/register_all_gradients', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm', 'convnetjs'] },
});
await server.listen();
const browser = await openBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`${server.resolvedUrls.local[0]}tests/bench/browser/index.html`);
  await page.waitForFunction(() => typeof window.startBench === 'function');
  await page.evaluate(([e, w]) => void window.startBench(e, w), [engines, ids]);
  let seen = 0;
  for (;;) {
    const state = await page.evaluate(() => ({ r: window.benchResults, done: window.benchDone, error: window.benchError }));
    for (const r of state.r.slice(seen)) record({ ...r, env: 'chromium' });
    seen = state.r.length;
    if (state.error) throw new Error(state.error);
    if (state.done) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (existsSync(`${root}dist/index.html`)) {
    const perf = await pagePerformance(browser, `${root}dist/`);
    for (const r of perf) {
      results.push(r);
      if (asJson) console.log(JSON.stringify(r));
    }
  } else notes.push('page performance skipped: dist/ missing (run npm run build:web)');
} finally {
  await browser.close();
  await server.close();
}

if (!asJson) printTable();
for (const n of notes) log(`note: ${n}`);
process.exit(0);

function fmt(x) {
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e4) return `${(x / 1e3).toFixed(1)}k`;
  return x.toPrecision(3);
}

function printTable() {
  const get = (engine, env, id) => results.find((r) => r.engine === engine && r.env === env && r.workload === id);
  console.log('\n| env | workload | engine | median | min–max | unit | descent ÷ engine |');
  console.log('|---|---|---|---|---|---|---|');
  for (const env of ['native', 'node', 'chromium']) {
    for (const id of ids) {
      const mine = get(env === 'native' ? 'descent-native' : 'descent-wasm', env, id);
      for (const r of results.filter((x) => x.env === env && x.workload === id && x.unit !== 'ms' && x.unit !== 'bytes')) {
        const faster = mine && r !== mine ? (r.unit === 'samples_per_s' ? mine.median / r.median : r.median / mine.median) : null;
        console.log(`| ${env} | ${id} | ${r.engine}${r.backend ? ` (${r.backend})` : ''} | ${fmt(r.median)} | ${fmt(r.min)}–${fmt(r.max)} | ${r.unit} | ${faster ? `${faster.toFixed(1)}×` : ''} |`);
      }
      if (id === 'W3' && mine) console.log(`| ${env} | W3 | descent nominal | ${(mine.median * flopsPerSample(workloads.W3) / 1e9).toFixed(1)} GFLOP/s | | | |`);
      const peak = get('descent-wasm', env, 'peak');
      if ((id === 'W2' || id === 'W3') && mine && peak) {
        const real = (mine.median * realFlopsPerSample(workloads[id])) / 1e9;
        console.log(`| ${env} | ${id} | descent real | ${real.toFixed(1)} GFLOP/s | | | ${((100 * real) / peak.median).toFixed(0)} % of peak |`);
      }
    }
    const peak = get('descent-wasm', env, 'peak');
    if (peak) console.log(`| ${env} | peak | f32x4 multiply + add, L1-resident | ${fmt(peak.median)} | ${fmt(peak.min)}–${fmt(peak.max)} | GFLOP/s | |`);
  }
  const page = results.filter((r) => r.env === 'page');
  if (page.length) {
    console.log('\n| page measure | value | unit |\n|---|---|---|');
    for (const r of page) console.log(`| ${r.workload} | ${fmt(r.median)} | ${r.unit} |`);
  }
}
