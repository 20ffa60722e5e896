// Exponential moving average with TensorBoard's debiasing, so the first points are not pulled to 0.
// weight 0 returns the input unchanged; non-finite values pass through without poisoning the average.
export function smooth(values: ArrayLike<number>, weight: number): number[] {
  const out = new Array<number>(values.length);
  let last = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || weight <= 0) {
      out[i] = v;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    count += 1;
    out[i] = last / (1 - Math.pow(weight, count));
  }
  return out;
}
