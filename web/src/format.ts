// How numbers appear on the page: compact, never "NaN" without saying what it means.
export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'NaN (diverged)';
  if (x === Infinity) return '∞ (diverged)';
  if (x === -Infinity) return '−∞ (diverged)';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e5 || abs < 1e-3) return x.toExponential(digits - 1).replace('e+', 'e');
  return Number(x.toPrecision(digits)).toString();
}
