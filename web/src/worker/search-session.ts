// The learning-rate finder and the runs of a search, inside a worker. Both step in short chunks and
// yield between them, so progress messages flow and the worker stays responsive to terminate().
import type { CoreModule } from '../generated/core.js';
import type { LrFindResult, PlanLine, Reply, SearchRequest, SweepResult } from '../protocol';
import { bindings } from './bindings';

type Post = (reply: Reply) => void;
// The data a spec trains on: the uploaded CSV, a bundled set's file, or nothing (generated data).
type Data = (spec: Record<string, unknown>, csv: string | undefined) => Promise<string | undefined>;

const chunkMs = 40; // one chunk of training: short enough to stay responsive
const progressMs = 100;

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

// Steps `step(n)` until it reports done, growing or shrinking n so a chunk takes about chunkMs, and
// reports progress at most every progressMs.
async function chunked(step: (n: number) => boolean, onProgress: () => void): Promise<void> {
  let n = 1;
  let reported = -Infinity;
  for (;;) {
    const t0 = performance.now();
    const done = step(n);
    const ms = performance.now() - t0;
    if (t0 + ms - reported >= progressMs) {
      reported = t0 + ms;
      onProgress();
    }
    if (done) return;
    if (ms < chunkMs / 2) n = Math.min(n * 2, 1 << 16);
    else if (ms > chunkMs * 2) n = Math.max(1, Math.floor(n / 2));
    await yieldToEvents();
  }
}

async function lrFind(core: CoreModule, r: Extract<SearchRequest, { type: 'lr-find' }>, post: Post, data: Data): Promise<void> {
  const b = bindings(core, ['LrFinder']);
  const finder = new b.LrFinder(JSON.stringify(r.spec), (await data(r.spec, r.csv)) ?? '', JSON.stringify(r.options));
  try {
    await chunked(
      (n) => finder.step(n),
      () => {
        const c = JSON.parse(finder.resultJson()) as LrFindResult;
        post({ type: 'lr-progress', id: r.id, lrs: c.lrs, losses: c.losses, smoothed: c.smoothed });
      },
    );
    post({ type: 'lr-result', id: r.id, result: JSON.parse(finder.resultJson()) as LrFindResult });
  } finally {
    finder.delete();
  }
}

async function sweepRun(core: CoreModule, r: Extract<SearchRequest, { type: 'sweep-run' }>, post: Post, data: Data): Promise<void> {
  const b = bindings(core, ['SweepRun']);
  const line: PlanLine = r.line;
  const run = new b.SweepRun(JSON.stringify(line.spec), (await data(line.spec, r.csv)) ?? '');
  try {
    await chunked(
      (n) => run.step(n),
      () => post({ type: 'sweep-progress', id: r.id, fraction: run.progress() }),
    );
    post({ type: 'sweep-result', id: r.id, result: JSON.parse(run.resultJson()) as SweepResult });
  } finally {
    run.delete();
  }
}

export async function searchRequest(core: CoreModule, r: SearchRequest, post: Post, data: Data): Promise<void> {
  switch (r.type) {
    case 'expand-search': {
      const b = bindings(core, ['expandSearch']);
      post({ type: 'plan', id: r.id, lines: JSON.parse(b.expandSearch(JSON.stringify(r.spec), JSON.stringify(r.search))) as PlanLine[] });
      break;
    }
    case 'lr-find':
      await lrFind(core, r, post, data);
      break;
    case 'sweep-run':
      await sweepRun(core, r, post, data);
      break;
  }
}
