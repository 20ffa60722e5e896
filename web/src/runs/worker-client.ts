// Request/reply over one worker: each request carries an id and resolves with the reply of that id;
// replies without a matching request (progress) go to the listener.
import type { Reply, Request } from '../protocol';
import workerUrl from '../worker.ts?worker&url';

// Browsers start only same-origin worker scripts. When the widget is loaded from another origin (a
// CDN, or the playground's host named in an embed snippet), a same-origin blob imports the real
// worker module, which that host serves with CORS as it already must for the widget's own script.
let shimUrl: string | null = null; // one blob for every worker of the page
export function startWorker(): Worker {
  const url = new URL(workerUrl, import.meta.url);
  if (url.origin === location.origin) return new Worker(url, { type: 'module' });
  shimUrl ??= URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' }));
  return new Worker(shimUrl, { type: 'module' });
}

type Pending = { resolve: (r: Reply) => void; reject: (e: Error) => void };
type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

export class WorkerClient {
  private worker: Worker;
  private pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private onPush: (reply: Reply) => void, private onFailure: (message: string) => void) {
    this.worker = startWorker();
    this.worker.onmessage = (event: MessageEvent<Reply>) => this.receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      const message = `The training worker failed: ${event.message || 'it could not start'}`;
      for (const p of this.pending.values()) p.reject(new Error(message));
      this.pending.clear();
      this.onFailure(message);
    };
  }

  private receive(reply: Reply): void {
    const id = 'id' in reply ? reply.id : 0;
    const waiting = id ? this.pending.get(id) : undefined;
    if (waiting) {
      this.pending.delete(id);
      if (reply.type === 'error') waiting.reject(new Error(reply.message));
      else waiting.resolve(reply);
    } else this.onPush(reply);
  }

  request(message: Distribute<Request>): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  send(message: Request): void {
    this.worker.postMessage(message);
  }

  terminate(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('stopped'));
    this.pending.clear();
  }
}
