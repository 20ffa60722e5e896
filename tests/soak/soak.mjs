// Soak check (issue 8): 10^6 training steps must keep memory flat, natively and in WebAssembly.
// Not part of `npm test` (it takes minutes); run `npm run soak` or
//   node tests/soak/soak.mjs [native|wasm|both] [--steps N]
// Native: `descent train` (build/descent, or DESCENT_CLI) runs as a child process and its resident set
// (VmRSS from /proc) is sampled. WebAssembly: the Trainer binding is stepped in chunks of 1000 as the
// worker does, sampling the module's memory (memory.buffer.byteLength) and the Node process's RSS.
// Memory may grow while the first 10 % of the steps warm up (allocator, page faults); after that the
// growth must stay under the tolerances below. Prints every sample, then one verdict line per side.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const which = args.find((a) => !a.startsWith('--') && !/^\d/.test(a)) ?? 'both';
const stepsArg = args.indexOf('--steps');
const steps = stepsArg >= 0 ? Number(args[stepsArg + 1]) : 1_000_000;
const MB = 1024 * 1024;
// Native RSS moves with the kernel's page accounting; the wasm heap grows in 64 KiB pages and must not grow at all.
const tolerance = { nativeRss: 2 * MB, wasmHeap: 0 };

// A small MLP with mini-batches, a schedule and periodic evaluation: the loop the page runs.
const spec = {
  data: { source: 'spiral', n: 400, noise: 0.1, seed: 2 },
  model: { hidden: [{ units: 16, activation: 'tanh' }, { units: 8, activation: 'relu' }], init_seed: 3 },
  optimizer: { name: 'adam', lr: 0.003 },
  schedule: { name: 'cosine_warm_restarts', T_0: 5000 },
  batch_size: 32,
  steps,
  metrics_every: 10000,
  seed: 4,
};

const mb = (bytes) => (bytes / MB).toFixed(2);

function verdict(name, samples, key, limit) {
  const warm = samples.find((s) => s.step >= steps / 10) ?? samples[samples.length - 1];
  const peak = Math.max(...samples.filter((s) => s.step >= warm.step).map((s) => s[key]));
  const growth = peak - warm[key];
  const flat = growth <= limit;
  console.log(`${name}: ${steps} steps, ${key} ${mb(samples[0][key])} MB at start, ${mb(warm[key])} MB after warm-up ` +
    `(step ${warm.step}), peak ${mb(peak)} MB, growth ${mb(growth)} MB (limit ${mb(limit)} MB): ${flat ? 'flat' : 'GROWING'}`);
  return flat;
}

function rssOf(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

async function soakNative() {
  const cli = process.env.DESCENT_CLI ?? join(root, 'build', 'descent');
  const dir = mkdtempSync(join(tmpdir(), 'descent-soak-'));
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify(spec));
  const child = spawn(cli, ['train', specPath, '--out', '/dev/null'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const start = Date.now();
  const samples = [];
  // The CLI does not report progress; the step is estimated from the elapsed share of the run, so
  // samples are taken every 250 ms and mapped to steps once the run's length is known.
  const timer = setInterval(() => {
    const rss = rssOf(child.pid);
    if (rss !== null) samples.push({ ms: Date.now() - start, rss });
  }, 250);
  const code = await new Promise((resolve) => child.on('close', resolve));
  clearInterval(timer);
  rmSync(dir, { recursive: true, force: true });
  const total = Date.now() - start;
  if (code !== 0 || samples.length < 4) {
    console.log(`native: descent train exited ${code} with ${samples.length} samples`);
    return false;
  }
  for (const s of samples) s.step = Math.round((s.ms / total) * steps);
  console.log(`native samples (step ≈ share of ${(total / 1000).toFixed(1)} s): ` +
    samples.filter((_, i) => i % Math.ceil(samples.length / 20) === 0).map((s) => `${s.step}:${mb(s.rss)}`).join(' '));
  return verdict('native (RSS)', samples, 'rss', tolerance.nativeRss);
}

async function soakWasm() {
  const dir = process.env.DESCENT_WASM_DIR ?? join(root, 'web', 'src', 'generated');
  const { default: createCore } = await import(pathToFileURL(join(dir, 'core.js')).href);
  const core = await createCore({ wasmBinary: readFileSync(join(dir, 'core.wasm')) });
  const t = new core.Trainer(JSON.stringify(spec), '');
  const samples = [];
  const started = Date.now();
  const chunk = 1000;
  for (let done = 0; done < steps; ) {
    const status = t.step(chunk);
    done = status.steps;
    if (status.done && status.stop !== 'max_steps') throw new Error(`soak run stopped early: ${status.stop}`);
    if (done % 20000 === 0 || status.done) {
      samples.push({ step: done, heap: core.HEAPU8.buffer.byteLength, rss: process.memoryUsage().rss });
    }
    if (status.done) break;
  }
  t.delete();
  console.log(`wasm samples (step:heap MB/node RSS MB, ${((Date.now() - started) / 1000).toFixed(1)} s): ` +
    samples.filter((_, i) => i % 3 === 0).map((s) => `${s.step}:${mb(s.heap)}/${mb(s.rss)}`).join(' '));
  const flat = verdict('wasm (memory.buffer)', samples, 'heap', tolerance.wasmHeap);
  // Node's own RSS includes the JS heap and GC timing: reported, not judged.
  verdict('wasm (node RSS, informational)', samples, 'rss', Infinity);
  return flat;
}

let ok = true;
if (which === 'native' || which === 'both') ok = (await soakNative()) && ok;
if (which === 'wasm' || which === 'both') ok = (await soakWasm()) && ok;
process.exit(ok ? 0 : 1);
