// Y axes that stay readable when a run diverges: its values can span twenty decades or reach an R²
// of −10^21, which would otherwise stack every label on top of each other or flatten every other run.

const isPowerOfTen = (v: number) => v > 0 && Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

// Of a log axis's splits, only powers of ten keep a label and a grid line, and of those only every
// k-th decade, so that at most `max` remain. An axis within about one decade (a loss going from 0.7
// to 0.3) would then show one label or none: it keeps the 1-2-5 steps instead, or every split if
// even those are fewer than three.
export function logTicks(splits: number[], max = 5): Array<number | null> {
  const powers = splits.filter(isPowerOfTen).length;
  if (powers < 2) {
    const mantissa = (v: number) => Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
    let kept = splits.filter((v) => v > 0 && [1, 2, 5].includes(mantissa(v)));
    if (kept.length < 3) kept = splits.filter((v) => v > 0);
    const stride = Math.max(1, Math.ceil(kept.length / max));
    const shown = new Set(kept.filter((_, i) => i % stride === 0));
    return splits.map((v) => (shown.has(v) ? v : null));
  }
  const stride = Math.max(1, Math.ceil(powers / max));
  return splits.map((v) => {
    if (!isPowerOfTen(v)) return null;
    const decade = Math.round(Math.log10(v));
    return ((decade % stride) + stride) % stride === 0 ? v : null;
  });
}

// uPlot draws no y axis at all, not even its grid, once a value passes 1e17 (its tick search gives
// up past 17 integer digits), which a diverging loss does within a few steps. A log axis therefore
// stops at 1e15: beyond it a curve leaves the top of the chart, and hovering still shows its value.
export const logCeiling = 1e15;

export function cappedLogExtent(min: number | null, max: number | null): [number, number] {
  const hi = max !== null && max > 0 && Number.isFinite(max) ? Math.min(max, logCeiling) : 1;
  const lo = min !== null && min > 0 && min < hi ? min : hi / 10;
  return [lo, hi];
}

// A score's axis (accuracy in [0, 1], R² ≤ 1): the data's range cut to [floor, 1], with some margin.
export function scoreRange(min: number | null, max: number | null, floor: number): [number, number] {
  const lo = min === null || !Number.isFinite(min) ? floor : Math.min(Math.max(min, floor), 1);
  const hi = max === null || !Number.isFinite(max) ? 1 : Math.min(Math.max(max, lo), 1);
  const pad = Math.max(hi - lo, 0.1) * 0.05;
  return [lo - pad, hi + pad];
}
