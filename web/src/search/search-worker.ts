// One worker running search jobs (LR finder, sweep runs): each request resolves with its final reply,
// while its progress replies (same id) go to a callback. A crash rejects every pending request.
import type { Reply, SearchReply, SearchRequest } from '../protocol';
import { startWorker } from '../runs/worker-client';

type Final = Exclude<SearchReply, { type: 'lr-progress' | 'sweep-progress' }>;
type Progress = Extract<SearchReply, { type: 'lr-progress' | 'sweep-progress' }>;
type Pending = { resolve: (r: Final) => void; reject: (e: Error) => void; progress: (p: Progress) => void };
type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

export class SearchWorker {
  private worker: Worker;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  closed = false;

  constructor() {
    this.worker = startWorker();
    this.worker.onmessage = (event: MessageEvent<Reply>) => this.receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.closed = true;
      this.worker.terminate();
      this.failAll(`The search worker failed: ${event.message || 'it could not start'}`);
    };
  }

  private failAll(message: string): void {
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }

  private receive(reply: Reply): void {
    const p = 'id' in reply ? this.pending.get(reply.id) : undefined;
    if (!p) return;
    if (reply.type === 'lr-progress' || reply.type === 'sweep-progress') p.progress(reply);
    else if (reply.type === 'error') {
      this.pending.delete(reply.id);
      p.reject(new Error(reply.message));
    } else if (reply.type === 'lr-result' || reply.type === 'sweep-result' || reply.type === 'plan') {
      this.pending.delete(reply.id);
      p.resolve(reply);
    }
  }

  request(message: Distribute<SearchRequest>, progress: (p: Progress) => void = () => {}): Promise<Final> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
      this.worker.postMessage({ ...message, id });
    });
  }

  terminate(): void {
    this.closed = true;
    this.worker.terminate();
    this.failAll('cancelled');
  }
}
