// uPlot wants one shared x array and one y array per series. Runs stream at their own pace, so series
// are joined on x (the step); long series are thinned to at most maxPoints buckets, keeping each
// bucket's last value so the latest point is always shown. Non-finite values and, on a log axis,
// values ≤ 0 become gaps (null) instead of breaking the scale.
export interface XY {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export function alignSeries(series: XY[], maxPoints: number, log: boolean): [number[], ...(number | null)[][]] {
  let longest = 0;
  for (const s of series) longest = Math.max(longest, s.x.length);
  const stride = Math.max(1, Math.ceil(longest / maxPoints));
  const xs = new Set<number>();
  const picked = series.map((s) => {
    const map = new Map<number, number | null>();
    const n = s.x.length;
    for (let i = 0; i < n; i++) {
      if ((n - 1 - i) % stride !== 0) continue;
      const v = s.y[i];
      map.set(s.x[i], Number.isFinite(v) && (!log || v > 0) ? v : null);
      xs.add(s.x[i]);
    }
    return map;
  });
  const x = Array.from(xs).sort((a, b) => a - b);
  return [x, ...picked.map((m) => x.map((xi) => (m.has(xi) ? (m.get(xi) as number | null) : null)))];
}
