// Up to six runs trained side by side on the same data, initial weights and batch order (the same
// spec and seed), each in its own worker. A run that fails or diverges never stops the others.
import type { PlaygroundState } from '../state/types';
import { jobFor } from '../state/spec';
import type { RunSummary } from '../protocol';
import { Run } from './run';

export class Race {
  runs: Run[] = [];
  playing = false;
  private speed = 1;
  private generation = 0;

  constructor(private onChange: () => void) {}

  // Starts fresh workers for the state's runs; resolves with the first run's summary. With `keep`
  // (a newly loaded file, which may be refused), the current runs go on until a new one has started:
  // if none can, they stay exactly as they were and the error is thrown.
  async reset(state: PlaygroundState, csv?: string, keep = false): Promise<RunSummary | null> {
    this.generation += 1;
    const generation = this.generation;
    const runs = state.runs.map((config, i) => new Run(i, config, () => this.onChange()));
    if (!keep) this.replace(runs);
    // Play pressed while the runs were still starting applies as soon as each is ready.
    const started = (r: Run) => (summary: RunSummary) => {
      if (this.playing && generation === this.generation && this.runs === runs) r.play(this.speed);
      return summary;
    };
    const results = await Promise.allSettled(runs.map((r) => r.start(jobFor(state, r.config, csv)).then(started(r))));
    const current = generation === this.generation;
    const first = results.find((r) => r.status === 'fulfilled');
    const failure = () => new Error((results[0] as PromiseRejectedResult).reason?.message ?? 'the run could not start');
    if (!current || (keep && !first)) {
      if (this.runs !== runs) for (const r of runs) r.terminate(); // never shown, so no later reset ends them
      if (!current) return null;
      throw failure();
    }
    if (keep) this.replace(runs);
    results.forEach((result, i) => {
      if (result.status === 'rejected') runs[i].error = result.reason instanceof Error ? result.reason.message : String(result.reason);
    });
    this.onChange();
    if (!first) throw failure();
    return (first as PromiseFulfilledResult<RunSummary>).value;
  }

  private replace(runs: Run[]): void {
    this.playing = false;
    for (const r of this.runs) r.terminate();
    this.runs = runs;
    this.onChange();
  }

  play(stepsPerTick: number): void {
    this.playing = true;
    this.speed = stepsPerTick;
    for (const r of this.live()) r.play(stepsPerTick);
    this.onChange();
  }

  pause(): void {
    this.playing = false;
    for (const r of this.live()) r.pause();
    this.onChange();
  }

  stepOnce(): void {
    for (const r of this.live()) r.stepOnce();
  }

  live(): Run[] {
    return this.runs.filter((r) => r.summary && !r.error && !r.done);
  }

  get finished(): boolean {
    return this.runs.length > 0 && this.runs.every((r) => r.done || r.error);
  }

  dispose(): void {
    this.generation += 1;
    for (const r of this.runs) r.terminate();
    this.runs = [];
  }
}
