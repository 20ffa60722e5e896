import { afterEach, describe, expect, test, vi } from 'vitest';
import type { PlanLine } from '../../web/src/protocol';

// Fake workers: each answers a sweep-run after a few ticks, fails the lines whose config says so,
// and records whether it was terminated.
class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  terminated = false;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(m: { id: number; type: string; line: PlanLine }): void {
    const reply = (data: unknown) => setTimeout(() => !this.terminated && this.onmessage?.({ data }), 5);
    if (m.line.config.crash) setTimeout(() => !this.terminated && this.onerror?.({ message: 'boom', preventDefault() {} }), 5);
    else if (m.line.config.bad) reply({ type: 'error', id: m.id, message: 'data.target: no column named nope' });
    else {
      reply({ type: 'sweep-progress', id: m.id, fraction: 0.5 });
      setTimeout(() => !this.terminated && this.onmessage?.({ data: { type: 'sweep-result', id: m.id, result: { train_loss: 1, test_loss: Number(m.line.config.lr), diverged: false, diverged_at: null, steps: 10, stop: 'max_steps', seconds: 0 } } }), 10);
    }
  }
  terminate(): void {
    this.terminated = true;
  }
}

vi.mock('../../web/src/runs/worker-client', () => ({ startWorker: () => new FakeWorker() }));
const { SearchPool } = await import('../../web/src/search/pool');

const line = (index: number, config: Record<string, unknown>): PlanLine => ({ index, config, spec: {} });

afterEach(() => {
  FakeWorker.all = [];
});

describe('search pool', () => {
  test('at most one worker per run and as many as asked; every run finishes and the workers are ended', async () => {
    const pool = new SearchPool([line(0, { lr: 0.1 }), line(1, { lr: 0.2 }), line(2, { lr: 0.3 })], undefined, () => {}, 8);
    expect(pool.size).toBe(3);
    pool.start();
    await pool.finished;
    expect(pool.runs.map((r) => [r.status, r.result?.test_loss])).toEqual([['done', 0.1], ['done', 0.2], ['done', 0.3]]);
    expect(pool.done).toBe(3);
    expect(FakeWorker.all.every((w) => w.terminated)).toBe(true);
    expect(new SearchPool([line(0, {})], undefined, () => {}, 0).size).toBe(1);
  });
  test('a failing run, or a crashing worker, fails that run only; the search goes on', async () => {
    const lines = [line(0, { lr: 1 }), line(1, { bad: true }), line(2, { crash: true }), line(3, { lr: 4 }), line(4, { lr: 5 })];
    const pool = new SearchPool(lines, undefined, () => {}, 2);
    pool.start();
    await pool.finished;
    expect(pool.runs.map((r) => r.status)).toEqual(['done', 'failed', 'failed', 'done', 'done']);
    expect(pool.runs[1].error).toBe('data.target: no column named nope');
    expect(pool.runs[2].error).toMatch(/The search worker failed: boom/);
    expect(FakeWorker.all.length).toBe(3); // the crashed worker was replaced
    expect(FakeWorker.all.every((w) => w.terminated)).toBe(true);
  });
  test('cancel ends every worker at once and marks the unfinished runs cancelled', async () => {
    const changes: Array<number | null> = [];
    const pool = new SearchPool(Array.from({ length: 10 }, (_, i) => line(i, { lr: i })), undefined, (r) => changes.push(r ? r.line.index : null), 2);
    pool.start();
    await new Promise((r) => setTimeout(r, 25));
    const done = pool.done;
    pool.cancel();
    await pool.finished;
    expect(FakeWorker.all.length).toBe(2);
    expect(FakeWorker.all.every((w) => w.terminated)).toBe(true);
    expect(pool.runs.filter((r) => r.status === 'cancelled').length).toBe(10 - done);
    expect(pool.runs.filter((r) => r.status === 'running' || r.status === 'queued')).toEqual([]);
    const seen = changes.length;
    await new Promise((r) => setTimeout(r, 40));
    expect(changes.length).toBe(seen); // nothing arrives after the cancel
    expect(pool.done).toBe(done);
  });
});
