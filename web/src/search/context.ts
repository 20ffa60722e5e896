// What the search section needs from the playground.
import type { PlanLine, Search } from '../protocol';
import type { Store } from '../state/store';
import type { PlaygroundState, RunConfig } from '../state/types';

export interface SearchContext {
  store: Store;
  spec(run: number): Record<string, unknown>; // the experiment spec of one run of the current state
  csv(): string | undefined; // the uploaded file's text when the data is a CSV (throws if none is loaded)
  expand(spec: Record<string, unknown>, search: Search): Promise<PlanLine[]>;
  refresh(): void; // re-renders the panels after the state was changed from here
  open(state: PlaygroundState): void; // loads a run as the playground's experiment, scrolled into view
  addRun(run: RunConfig): void;
}
