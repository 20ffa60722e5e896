// One run of a race: its own worker, its settings, and everything it has streamed back so far.
import type { Evaluation, Grid, Internals, Job, Progress, RunSummary, View } from '../protocol';
import type { RunConfig } from '../state/types';
import { WorkerClient } from './worker-client';

export class Run {
  summary: RunSummary | null = null;
  step = 0;
  done = false;
  divergedAt: number | null = null;
  error: string | null = null;
  steps: number[] = [];
  loss: number[] = [];
  lr: number[] = [];
  gradNorm: number[] = [];
  evals: Evaluation[] = [];
  path: number[] = [];
  internals: Internals | null = null;
  view: View | null = null;
  landscape: Grid | null = null;
  private client: WorkerClient;

  constructor(readonly index: number, readonly config: RunConfig, private onChange: (run: Run) => void) {
    this.client = new WorkerClient(
      (reply) => {
        if (reply.type === 'progress') this.absorb(reply.progress);
        else if (reply.type === 'error') this.fail(reply.message);
      },
      (message) => this.fail(message),
    );
  }

  private fail(message: string): void {
    this.error = message;
    this.onChange(this);
  }

  private absorb(p: Progress): void {
    this.step = p.step;
    this.done = p.done;
    this.divergedAt = p.divergedAt;
    for (let i = 0; i < p.steps.length; i++) {
      this.steps.push(p.steps[i]);
      this.loss.push(p.loss[i]);
      this.lr.push(p.lr[i]);
      this.gradNorm.push(p.gradNorm[i]);
    }
    for (const e of p.evals) this.evals.push(e);
    if (p.pathReset) this.path = [];
    for (const v of p.path) this.path.push(v);
    if (p.landscape) this.landscape = p.landscape;
    if (p.internals) this.internals = p.internals;
    if (p.view) this.view = p.view;
    this.onChange(this);
  }

  async start(job: Job): Promise<RunSummary> {
    const reply = await this.client.request({ type: 'start', job });
    if (reply.type !== 'started') throw new Error(`unexpected reply ${reply.type}`);
    this.summary = reply.summary;
    this.onChange(this);
    return reply.summary;
  }

  play(stepsPerTick: number): void {
    this.client.send({ type: 'play', stepsPerTick });
  }

  pause(): void {
    this.client.send({ type: 'pause' });
  }

  stepOnce(): void {
    this.client.send({ type: 'step', n: 1 });
  }

  async weights(): Promise<string> {
    const reply = await this.client.request({ type: 'weights' });
    return reply.type === 'weights' ? reply.json : '[]';
  }

  latest(): Evaluation | null {
    return this.evals.length ? this.evals[this.evals.length - 1] : null;
  }

  terminate(): void {
    this.client.terminate();
  }
}
