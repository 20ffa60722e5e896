// One training run inside a worker, whatever it trains (a network on data, or a point on a 2-D
// test function). The worker's loop only sees this interface.
import type { Progress, RunSummary, View } from '../protocol';

export interface Session {
  readonly summary: RunSummary;
  step(n: number): void; // at most n steps; stops early when done or diverged
  readonly stepCount: number;
  readonly done: boolean;
  readonly divergedAt: number | null;
  drain(): Omit<Progress, 'step' | 'done' | 'divergedAt' | 'view'>; // metrics since the last drain
  view(): View | null;
  weights(): string;
  dispose(): void;
}
