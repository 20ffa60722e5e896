// Times one engine on one workload the same way everywhere (Node or a browser worker): warm up for at
// least half a second of work (V8 tiers WebAssembly up while it runs), then time ≥ 5 repetitions of
// whole epochs (W4: 1,000 updates), each repeated for ≥ 50 ms because browsers coarsen timers, and
// report the median, min and max.
import { workloads } from './workloads.js';

const now = () => performance.now();

export function measure(engine, id, { repetitions = 5, warmupMs = 500, minRepMs = 50 } = {}) {
  const start = now();
  do engine.epoch();
  while (now() - start < warmupMs);
  const times = [];
  for (let r = 0; r < repetitions; r++) {
    const t0 = now();
    let epochs = 0;
    do {
      engine.epoch();
      epochs++;
    } while (now() - t0 < minRepMs);
    times.push((now() - t0) / 1000 / epochs);
  }
  return summarize(id, times.map((t) => (id === 'W4' ? t * 1e6 : engine.samplesPerEpoch / t)));
}

export function summarize(id, values) {
  const sorted = [...values].sort((a, b) => a - b);
  const unit = id === 'W4' ? 'us_per_1000_updates' : 'samples_per_s';
  return {
    workload: id,
    median: sorted[Math.floor(sorted.length / 2)],
    min: sorted[0],
    max: sorted.at(-1),
    unit,
    repetitions: values.length,
  };
}

export const ids = Object.keys(workloads);

// Every engine is measured in rounds, the engines taking turns (descent, TF.js, …, then descent again),
// so that a spell of interference from the machine's other tenants slows one round of each instead of
// one engine's only measurement: on the shared 2-core VMs such spells lasted seconds and cost 20-35 %.
// A measurement that takes longer than slowMs is not repeated (a slow peer's W3 takes a minute).
export const rounds = 3;
export const slowMs = 2000;

// The rounds of one engine on one workload: the median round, the extremes over all of them.
export function mergeRounds(results) {
  const sorted = [...results].sort((a, b) => a.median - b.median);
  const mid = sorted[Math.floor(sorted.length / 2)];
  return {
    ...mid,
    min: Math.min(...results.map((r) => r.min)),
    max: Math.max(...results.map((r) => r.max)),
    repetitions: results.reduce((n, r) => n + (r.repetitions ?? 0), 0),
    rounds: results.length,
  };
}

// Runs run(engine, id) → result for every engine and workload in `count` turns and returns the merged
// results in engine order. `skip(engine, id)` leaves a pair out.
export async function inRounds(engines, ids, run, skip = () => false, { count = rounds, slow: slowLimit = slowMs } = {}) {
  const all = new Map();
  const slow = new Set();
  for (let round = 0; round < count; round++)
    for (const engine of engines)
      for (const id of ids) {
        const key = `${engine} ${id}`;
        if (skip(engine, id) || slow.has(key)) continue;
        const t0 = performance.now();
        const result = await run(engine, id);
        if (performance.now() - t0 > slowLimit) slow.add(key);
        if (!all.has(key)) all.set(key, []);
        all.get(key).push(result);
      }
  return [...all.values()].map(mergeRounds);
}

// One measurement of an engine: descent's own benchmark() (warm-up and ≥ 5 repetitions inside the
// module) or a peer's setup(id) through measure().
export async function measureEngine(core, setups, engine, id) {
  if (engine === 'descent-wasm') return { engine, backend: 'descent-wasm-simd', ...core.benchmark(id, 5) };
  await setups[engine].activate?.();
  const e = setups[engine](id);
  try {
    return { engine, backend: e.backend, ...measure(e, id) };
  } finally {
    e.dispose();
  }
}

export const onlyDescentPeak = (engine, id) => id === 'peak' && engine !== 'descent-wasm';
