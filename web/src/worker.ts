// Training runs here, never on the page's main thread. The worker owns one WebAssembly instance and
// at most one run; while playing it steps in short slices and posts metrics in batches.
import createCore, { type CoreModule } from './generated/core.js';
import type { Job, Progress, Request, Reply } from './protocol';
import type { Session } from './worker/session';
import { readCatalog, lrPreview } from './worker/catalog';
import { startSession } from './worker/start';
import { searchRequest } from './worker/search-session';

let core: Promise<CoreModule> | null = null;
let session: Session | null = null;
let playing = false;
let stepsPerTick = 1;
let timer: ReturnType<typeof setTimeout> | null = null;
let lastView = 0;

const tickMs = 16;
const viewEveryMs = 150;
const postMs = 50;

function post(reply: Reply, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(reply, transfer);
}

function sendProgress(forceView: boolean): void {
  if (!session) return;
  const now = performance.now();
  const wantView = forceView || now - lastView >= viewEveryMs || session.done;
  const view = wantView ? session.view() : null;
  const landscape = wantView ? session.landscape() : null;
  if (wantView) lastView = now;
  const progress: Progress = {
    step: session.stepCount,
    done: session.done,
    divergedAt: session.divergedAt,
    view,
    landscape,
    ...session.drain(),
  };
  post({ type: 'progress', progress });
}

let lastPost = 0;

// Steps every tick, but posts at most every postMs: fewer, larger batches keep the page's main
// thread calm when several runs race.
function tick(): void {
  timer = null;
  if (!session || !playing) return;
  session.step(stepsPerTick);
  if (session.done) playing = false;
  const now = performance.now();
  if (!playing || now - lastPost >= postMs) {
    lastPost = now;
    sendProgress(!playing);
  }
  if (playing) timer = setTimeout(tick, tickMs);
}

// The bundled real sets ship as dist/datasets/*.csv beside dist/assets/ (this module's folder).
// The base is a variable so the bundler does not try to resolve the path at build time.
const bundled = new Set(['iris', 'digits', 'diabetes']);
const moduleUrl = import.meta.url;

async function withData(job: Job): Promise<Job> {
  if (job.kind !== 'train' || job.csv !== undefined) return job;
  const source = String((job.spec.data as { source?: unknown } | undefined)?.source ?? '');
  if (!bundled.has(source)) return job;
  const url = new URL(`../datasets/${source}.csv`, moduleUrl);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`data.source: could not load the bundled '${source}' data (${response.status} ${response.statusText})`);
  return { ...job, csv: await response.text() };
}

async function start(c: CoreModule, job: Job): Promise<Session> {
  session?.dispose();
  session = null;
  playing = false;
  const s = startSession(c, await withData(job));
  session = s;
  lastView = 0;
  return s;
}

self.onmessage = async (event: MessageEvent<Request>) => {
  const request = event.data;
  const id = 'id' in request ? request.id : 0;
  try {
    core ??= createCore();
    const c = await core;
    switch (request.type) {
      case 'info': {
        // A SIMD dot product proves the module's v128 code actually runs here.
        const a = Float32Array.from({ length: 1000 }, (_, i) => i % 7);
        const b = Float32Array.from({ length: 1000 }, (_, i) => i % 5);
        post({ type: 'info', id, info: c.info(), dot: c.simdDot(a, b) });
        break;
      }
      case 'catalog':
        post({ type: 'catalog', id, catalog: readCatalog(c) });
        break;
      case 'lr-preview':
        post({ type: 'lr-preview', id, lrs: lrPreview(c, request.schedule, request.lr, request.steps) });
        break;
      case 'start': {
        const s = await start(c, request.job);
        post({ type: 'started', id, summary: s.summary });
        sendProgress(true);
        break;
      }
      case 'play':
        stepsPerTick = Math.max(1, Math.floor(request.stepsPerTick));
        playing = session !== null && !session.done;
        if (playing && timer === null) timer = setTimeout(tick, 0);
        break;
      case 'pause':
        playing = false;
        if (session) sendProgress(true);
        break;
      case 'step':
        if (session && !session.done) {
          session.step(request.n);
          sendProgress(true);
        }
        break;
      case 'weights':
        post({ type: 'weights', id, json: session ? session.weights() : '[]' });
        break;
      case 'lr-find':
      case 'expand-search':
      case 'sweep-run':
        await searchRequest(c, request, post, async (spec, csv) => {
          const job = await withData({ kind: 'train', spec, csv });
          return job.kind === 'train' ? job.csv : undefined;
        });
        break;
    }
  } catch (error) {
    playing = false;
    post({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
};
