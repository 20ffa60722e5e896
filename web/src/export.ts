// Files a learner can take away: metrics as CSV, a chart as PNG, the experiment as JSON, weights.
import type { Evaluation } from './protocol';
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

// Non-finite numbers are a diverged run's, written as NaN / inf / -inf (what spreadsheets, pandas and
// numpy read back as such); an empty cell means "not measured at this step".
export function cell(v: number | undefined): string {
  if (v === undefined) return '';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return String(v);
}

type CsvRun = Pick<Run, 'index' | 'config' | 'steps' | 'loss' | 'lr' | 'gradNorm' | 'evals' | 'summary'>;

// One row per run and step; evaluation columns are filled on the steps that were evaluated. The runs
// of a race share their data, so a data set without test rows (or a test function) has no test
// columns at all, and a test function no score columns.
export function metricsCsv(runs: CsvRun[]): string {
  const summary = runs.find((r) => r.summary)?.summary ?? null;
  const task = summary?.task ?? 'binary';
  const hasTest = task !== 'function' && (summary?.nTest ?? 0) > 0;
  const score = task === 'function' ? null : task === 'regression' ? 'r2' : 'accuracy';
  const header = ['run', 'optimizer', 'step', 'batch_loss', 'lr', 'grad_norm', 'train_loss'];
  if (hasTest) header.push('test_loss');
  if (score) header.push(`train_${score}`);
  if (score && hasTest) header.push(`test_${score}`);
  const evalCells = (e: Evaluation | undefined): string[] => {
    const out = [cell(e?.trainLoss)];
    if (hasTest) out.push(cell(e?.testLoss));
    if (score) out.push(cell(e?.trainScore));
    if (score && hasTest) out.push(cell(e?.score));
    return out;
  };
  const lines = [header.join(',')];
  for (const r of runs) {
    const evals = new Map(r.evals.map((e) => [e.step, e]));
    for (let i = 0; i < r.steps.length; i++) {
      const e = evals.get(r.steps[i]);
      evals.delete(r.steps[i]);
      lines.push([r.index + 1, r.config.optimizer.name, r.steps[i], cell(r.loss[i]), cell(r.lr[i]), cell(r.gradNorm[i]), ...evalCells(e)].join(','));
    }
    for (const e of evals.values()) lines.push([r.index + 1, r.config.optimizer.name, e.step, '', '', '', ...evalCells(e)].join(','));
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
