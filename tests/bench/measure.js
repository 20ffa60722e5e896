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
