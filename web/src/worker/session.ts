// One training run inside a worker, whatever it trains (a network on data, or a point on a 2-D
// test function). The worker's loop only sees this interface.
import type { Grid, Progress, RunSummary, View } from '../protocol';

export type Metrics = Pick<Progress, 'steps' | 'loss' | 'lr' | 'gradNorm' | 'evals' | 'path' | 'pathReset' | 'internals'>;

export interface Session {
  readonly summary: RunSummary;
  step(n: number): void; // at most n steps; stops early when done or diverged
  readonly stepCount: number;
  readonly done: boolean;
  readonly divergedAt: number | null;
  drain(): Metrics; // metrics since the last drain
  view(): View | null; // a fresh picture of the model (costly: called a few times a second)
  landscape(): Grid | null; // a landscape that moved since the start, if any
  weights(): string;
  dispose(): void;
}

export function emptyMetrics(): Metrics {
  return { steps: [], loss: [], lr: [], gradNorm: [], evals: [], path: [], pathReset: false, internals: null };
}
