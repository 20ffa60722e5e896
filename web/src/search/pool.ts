// A pool of workers running a search's plan lines, at most one run per worker at a time. Every line
// carries its complete spec (same data, initial weights and batch order as race mode); the uploaded
// CSV, if any, goes to every run. A failed run fails alone; cancel() terminates every worker at once.
import type { PlanLine, SweepResult } from '../protocol';
import { secondsLeft } from './eta';
import { SearchWorker } from './search-worker';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface PoolRun {
  line: PlanLine;
  status: RunStatus;
  result: SweepResult | null;
  error: string | null;
  fraction: number;
  started: number; // performance.now() when it started
  seconds: number; // wall time of a finished run
}

export class SearchPool {
  readonly runs: PoolRun[];
  readonly size: number;
  private queue: number[];
  private workers = new Set<SearchWorker>();
  private finishedResolve: () => void = () => {};
  readonly finished: Promise<void>;
  cancelled = false;
  startedAt = performance.now();
  endedAt: number | null = null;

  constructor(lines: PlanLine[], private csv: string | undefined, private onChange: (run: PoolRun | null) => void, workers = navigator.hardwareConcurrency || 1) {
    this.runs = lines.map((line) => ({ line, status: 'queued', result: null, error: null, fraction: 0, started: 0, seconds: 0 }));
    this.queue = this.runs.map((_, i) => i);
    this.size = Math.max(1, Math.min(workers, lines.length));
    this.finished = new Promise((resolve) => (this.finishedResolve = resolve));
  }

  start(): void {
    this.startedAt = performance.now();
    if (!this.runs.length) this.end();
    for (let k = 0; k < this.size && this.queue.length; k++) void this.slot();
  }

  // One worker taking lines off the queue until none is left. A crashed worker is replaced.
  private async slot(): Promise<void> {
    let worker = this.spawn();
    while (!this.cancelled && this.queue.length) {
      const run = this.runs[this.queue.shift()!];
      run.status = 'running';
      run.started = performance.now();
      this.onChange(run);
      try {
        const reply = await worker.request({ type: 'sweep-run', line: run.line, csv: this.csv }, (p) => {
          if (p.type !== 'sweep-progress') return;
          run.fraction = p.fraction;
          this.onChange(run);
        });
        if (this.cancelled) return;
        if (reply.type !== 'sweep-result') throw new Error(`unexpected reply ${reply.type}`);
        run.result = reply.result;
        run.status = 'done';
        run.fraction = 1;
      } catch (e) {
        if (this.cancelled) return;
        run.status = 'failed';
        run.error = (e as Error).message;
        if (worker.closed) {
          this.workers.delete(worker);
          worker = this.spawn();
        }
      }
      run.seconds = (performance.now() - run.started) / 1000;
      this.onChange(run);
    }
    this.retire(worker);
  }

  private spawn(): SearchWorker {
    const w = new SearchWorker();
    this.workers.add(w);
    return w;
  }

  private retire(worker: SearchWorker): void {
    worker.terminate();
    this.workers.delete(worker);
    if (!this.workers.size) this.end();
  }

  private end(): void {
    if (this.endedAt !== null) return;
    this.endedAt = performance.now();
    this.finishedResolve();
    this.onChange(null);
  }

  cancel(): void {
    if (this.endedAt !== null) return;
    this.cancelled = true;
    for (const w of this.workers) w.terminate();
    this.workers.clear();
    this.queue = [];
    for (const r of this.runs) if (r.status === 'queued' || r.status === 'running') r.status = 'cancelled';
    this.end();
  }

  get done(): number {
    return this.runs.filter((r) => r.status === 'done' || r.status === 'failed').length;
  }

  get workerCount(): number {
    return this.workers.size;
  }

  // Seconds left, or null while nothing is known yet.
  secondsLeft(): number | null {
    const now = performance.now();
    const durations = this.runs.filter((r) => r.status === 'done').map((r) => r.seconds);
    const inFlight = this.runs.filter((r) => r.status === 'running').map((r) => ({ elapsed: (now - r.started) / 1000, fraction: r.fraction }));
    return secondsLeft(durations, inFlight, this.queue.length, this.size);
  }
}
