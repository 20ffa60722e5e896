// Y axes that stay readable when a run diverges: its values can span twenty decades or reach an R²
// of −10^21, which would otherwise stack every label on top of each other or flatten every other run.

const isPowerOfTen = (v: number) => v > 0 && Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

// Of a log axis's splits, only powers of ten keep a label and a grid line, and of those only every
// k-th decade, so that at most `max` remain.
export function logTicks(splits: number[], max = 5): Array<number | null> {
  const stride = Math.max(1, Math.ceil(splits.filter(isPowerOfTen).length / max));
  return splits.map((v) => {
    if (!isPowerOfTen(v)) return null;
    const decade = Math.round(Math.log10(v));
    return ((decade % stride) + stride) % stride === 0 ? v : null;
  });
}

// A score's axis (accuracy in [0, 1], R² ≤ 1): the data's range cut to [floor, 1], with some margin.
export function scoreRange(min: number | null, max: number | null, floor: number): [number, number] {
  const lo = min === null || !Number.isFinite(min) ? floor : Math.min(Math.max(min, floor), 1);
  const hi = max === null || !Number.isFinite(max) ? 1 : Math.min(Math.max(max, lo), 1);
  const pad = Math.max(hi - lo, 0.1) * 0.05;
  return [lo - pad, hi + pad];
}
