// A network training on data (the engine's Trainer built from an experiment spec). Per-step metrics
// come from typed-array views of the last chunk, evaluations as JSON only when there are new ones.
import type { CoreModule } from '../generated/core.js';
import type { Evaluation, Grid, Job, RunSummary, View } from '../protocol';
import { bindings, type GridObject, type TrainerBinding } from './bindings';
import { emptyMetrics, type Metrics, type Session } from './session';

type TrainJob = Extract<Job, { kind: 'train' }>;

// About this many evaluations per run keep the charts detailed without slowing training.
const evaluations = 250;

function grid(g: GridObject): Grid {
  return { x: [g.x0, g.x1], y: [g.y0, g.y1], nx: g.nx, ny: g.ny, values: g.values };
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : NaN;
}

export class TrainSession implements Session {
  readonly summary: RunSummary;
  private trainer: TrainerBinding;
  private pending: Metrics = emptyMetrics();
  private seenEvals = 0;
  private linearLandscape: boolean;
  private lastLandscapeStep = -1;
  private lastLandscapeTime = 0;
  stepCount = 0;
  done = false;
  divergedAt: number | null = null;

  constructor(core: CoreModule, job: TrainJob) {
    const b = bindings(core, ['Trainer']);
    // Training counted in epochs is evaluated once per epoch (the engine's default).
    const steps = Number(job.spec.steps ?? 0);
    const spec = steps > 0 ? { ...job.spec, metrics_every: Math.max(1, Math.round(steps / evaluations)) } : job.spec;
    this.trainer = new b.Trainer(JSON.stringify(spec), job.csv ?? '');
    const ds = JSON.parse(this.trainer.datasetJson()) as { task: RunSummary['task']; features: string[]; classes: string[]; notes: string[]; n_train: number; n_test: number };
    const hidden = ((job.spec.model as { hidden?: unknown[] } | undefined)?.hidden ?? []).length;
    let landscape: Grid | null = null;
    let start: [number, number] | null = null;
    this.linearLandscape = false;
    if (hidden === 0 && ds.task === 'regression' && ds.features.length === 1) {
      try {
        const l = this.trainer.parameterLandscape(64);
        landscape = grid(l);
        if (l.pathX?.length) start = [l.pathX[0], l.pathY![0]];
        this.linearLandscape = true;
      } catch {
        landscape = null;
      }
    }
    this.summary = {
      task: ds.task,
      inputs: ds.features.length,
      classes: ds.classes,
      notes: ds.notes,
      nTest: ds.n_test,
      points: ds.features.length <= 2 ? this.trainer.points() : null,
      landscape,
      start,
    };
  }

  step(n: number): void {
    if (this.done) return;
    const status = this.trainer.step(n);
    const first = this.trainer.chunkFirst();
    const losses = this.trainer.chunkLosses();
    const lrs = this.trainer.chunkLrs();
    const norms = this.trainer.chunkGradNorms();
    for (let i = 0; i < losses.length; i++) {
      this.pending.steps.push(first + i + 1);
      this.pending.loss.push(losses[i]);
      this.pending.lr.push(lrs[i]);
      this.pending.gradNorm.push(norms[i]);
    }
    this.stepCount = status.steps;
    this.done = status.done;
    this.divergedAt = status.divergedAt >= 0 ? status.divergedAt : null;
    if (this.trainer.evalCount() > this.seenEvals) {
      const records = JSON.parse(this.trainer.evalsJson(this.seenEvals)) as Array<Record<string, any>>;
      this.seenEvals += records.length;
      for (const r of records) this.pending.evals.push(this.evaluation(r));
    }
  }

  private evaluation(r: Record<string, any>): Evaluation {
    const regression = this.summary.task === 'regression';
    return {
      step: r.step,
      trainLoss: num(r.train_loss),
      testLoss: num(r.test_loss),
      score: num(regression ? r.test_r2 : r.test_accuracy),
      trainScore: num(regression ? r.train_r2 : r.train_accuracy),
      layerGradNorms: ((r.layers ?? []) as Array<{ grad_norm: unknown }>).map((l) => num(l.grad_norm)),
    };
  }

  drain(): Metrics {
    const out = this.pending;
    this.pending = emptyMetrics();
    return out;
  }

  view(): View | null {
    const { inputs, task } = this.summary;
    if (inputs === 2 && task !== 'regression') return { kind: 'boundary', grid: grid(this.trainer.predictionGrid(48)) };
    if (inputs === 2) return { kind: 'boundary', grid: grid(this.trainer.predictionGrid(48)) };
    if (inputs === 1) {
      const g = this.trainer.predictionGrid(120);
      const x = Float32Array.from({ length: g.nx }, (_, i) => g.x0 + ((g.x1 - g.x0) * i) / (g.nx - 1));
      return { kind: 'curve', x, y: g.values };
    }
    if (task !== 'regression') {
      const summary = JSON.parse(this.trainer.summaryJson()) as { confusion?: number[][] };
      if (summary.confusion?.length) return { kind: 'confusion', classes: summary.confusion.length, counts: summary.confusion.flat() };
      return null;
    }
    return this.predictedVsActual();
  }

  // Regression with more inputs than a picture holds: each test row's prediction against its target
  // (the training rows when there is no test split).
  private predictedVsActual(): View {
    const rows = this.trainer.points();
    const predicted = this.trainer.predictions();
    const useTest = this.summary.nTest > 0;
    const keep: number[] = [];
    for (let i = 0; i < rows.test.length; i++) if (rows.test[i] === (useTest ? 1 : 0)) keep.push(i);
    return {
      kind: 'predicted',
      actual: Float32Array.from(keep, (i) => rows.label[i]),
      predicted: Float32Array.from(keep, (i) => predicted[i]),
    };
  }

  // The θ0/θ1 landscape is drawn around the path, so it is recomputed as the path moves on.
  landscape(): Grid | null {
    if (!this.linearLandscape || this.stepCount === this.lastLandscapeStep) return null;
    const now = performance.now();
    if (now - this.lastLandscapeTime < 400 && !this.done) return null;
    this.lastLandscapeTime = now;
    this.lastLandscapeStep = this.stepCount;
    const l = this.trainer.parameterLandscape(64);
    this.pending.path = [];
    const px = l.pathX ?? new Float32Array();
    const py = l.pathY ?? new Float32Array();
    for (let i = 0; i < px.length; i++) this.pending.path.push(px[i], py[i]);
    this.pending.pathReset = true;
    return grid(l);
  }

  weights(): string {
    return this.trainer.parametersJson();
  }

  dispose(): void {
    this.trainer.delete();
  }
}
