// Files a learner can take away: metrics as CSV, a chart as PNG, the experiment as JSON, weights.
import type { Run } from './runs/run';

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function cell(v: number | undefined): string {
  return v === undefined || Number.isNaN(v) ? '' : String(v);
}

// One row per run and step; evaluation columns are filled on the steps that were evaluated.
export function metricsCsv(runs: Pick<Run, 'index' | 'config' | 'steps' | 'loss' | 'lr' | 'gradNorm' | 'evals'>[]): string {
  const lines = ['run,optimizer,step,batch_loss,lr,grad_norm,train_loss,test_loss,score'];
  for (const r of runs) {
    const evals = new Map(r.evals.map((e) => [e.step, e]));
    for (let i = 0; i < r.steps.length; i++) {
      const e = evals.get(r.steps[i]);
      evals.delete(r.steps[i]);
      lines.push([r.index + 1, r.config.optimizer.name, r.steps[i], cell(r.loss[i]), cell(r.lr[i]), cell(r.gradNorm[i]), cell(e?.trainLoss), cell(e?.testLoss), cell(e?.score)].join(','));
    }
    for (const e of evals.values()) lines.push([r.index + 1, r.config.optimizer.name, e.step, '', '', '', cell(e.trainLoss), cell(e.testLoss), cell(e.score)].join(','));
  }
  return lines.join('\n') + '\n';
}

// Charts are drawn on a transparent canvas: the PNG gets a background so it reads in any viewer.
export function canvasPng(canvas: HTMLCanvasElement, name: string, background: string): void {
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  out.toBlob((blob) => {
    if (blob) download(name, blob);
  }, 'image/png');
}
