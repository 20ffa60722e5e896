// A point descending a 2-D test function (engine's Race2D with one run). Steps one update at a time
// so every step's gradient norm is known; 2-D updates are cheap, the Embind call dominates.
import type { CoreModule } from '../generated/core.js';
import type { Grid, Job, RunSummary, View } from '../protocol';
import { bindings, type Race2DBinding } from './bindings';
import { functionEntries } from './catalog';
import { emptyMetrics, type Metrics, type Session } from './session';

type FunctionJob = Extract<Job, { kind: 'function' }>;

// Buffers that show where the run is heading (momentum, Adam's m) and how each coordinate's step is
// scaled (accumulated squared gradients).
const moments = ['momentum_buffer', 'exp_avg'];
const squares = ['sum', 'square_avg', 'exp_avg_sq'];
const gridSize = 96;

export class FunctionSession implements Session {
  readonly summary: RunSummary;
  private race: Race2DBinding;
  private pending: Metrics = emptyMetrics();
  private sent = 0; // trajectory points already posted
  private momentName: string | null;
  private squareName: string | null;
  stepCount = 0;
  done = false;
  divergedAt: number | null = null;

  constructor(core: CoreModule, private job: FunctionJob) {
    const b = bindings(core, ['Race2D', 'functionGrid', 'functionCatalog']);
    const fn = functionEntries(b.functionCatalog()).find((f) => f.name === job.fn);
    if (!fn) throw new Error(`fn.name: unknown test function '${job.fn}'`);
    this.race = new b.Race2D(JSON.stringify({ function: job.fn, x0: job.x0, runs: [{ optimizer: job.optimizer, schedule: job.schedule }] }));
    const values = Float32Array.from(b.functionGrid(job.fn, gridSize, gridSize));
    const landscape: Grid = { x: fn.x, y: fn.y, nx: gridSize, ny: gridSize, values };
    const names = this.race.stateNames(0);
    this.momentName = moments.find((n) => names.includes(n)) ?? null;
    this.squareName = squares.find((n) => names.includes(n)) ?? null;
    this.summary = {
      task: 'function',
      inputs: 2,
      classes: [],
      notes: [fn.description],
      nTest: 0,
      points: null,
      landscape,
      start: job.x0,
    };
    this.collectPath();
  }

  step(n: number): void {
    const limit = Math.min(n, this.job.steps - this.stepCount);
    for (let k = 0; k < limit && !this.done; k++) {
      this.race.step(1);
      const done = this.race.stepsDone(0);
      const diverged = this.race.divergedStep(0);
      if (done === this.stepCount) {
        this.divergedAt = diverged >= 0 ? diverged : this.stepCount + 1;
        this.done = true;
        break;
      }
      this.stepCount = done;
      const g = this.race.lastGradient(0);
      const losses = this.race.losses(0);
      const lrs = this.race.lrs(0);
      this.pending.steps.push(done);
      this.pending.loss.push(losses[losses.length - 1]);
      this.pending.lr.push(lrs[lrs.length - 1]);
      this.pending.gradNorm.push(Math.hypot(g[0], g[1]));
    }
    if (this.stepCount >= this.job.steps) this.done = true;
    this.collectPath();
  }

  private collectPath(): void {
    const t = this.race.trajectory(0);
    for (let i = this.sent; i < t.length; i++) this.pending.path.push(t[i]);
    this.sent = t.length;
    if (this.momentName || this.squareName) {
      const pair = (name: string | null) => (name ? (Array.from(this.race.state(0, name)) as [number, number]) : null);
      this.pending.internals = { moment: pair(this.momentName), scale: pair(this.squareName) };
    }
  }

  drain(): Metrics {
    const out = this.pending;
    this.pending = emptyMetrics();
    return out;
  }

  view(): View | null {
    return null;
  }

  landscape(): Grid | null {
    return null;
  }

  weights(): string {
    const t = this.race.trajectory(0);
    return JSON.stringify({ x: t[t.length - 2], y: t[t.length - 1], optimizer: JSON.parse(this.race.hyperparameters(0)) });
  }

  dispose(): void {
    this.race.delete();
  }
}
