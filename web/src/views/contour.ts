// Colours a loss surface: log-spaced bands (so both the valley floor and the walls show structure)
// with a thin darker line where the band changes, which reads as contour lines.
export function contourImage(values: ArrayLike<number>, nx: number, ny: number, bands = 14): Uint8ClampedArray {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const band = new Int16Array(values.length);
  const span = Math.log1p(Math.max(hi - lo, 1e-12));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = Number.isFinite(v) ? Math.log1p(v - lo) / span : 1;
    band[i] = Math.min(bands - 1, Math.floor(t * bands));
  }
  const rgba = new Uint8ClampedArray(values.length * 4);
  for (let row = 0; row < ny; row++) {
    for (let col = 0; col < nx; col++) {
      const i = row * nx + col;
      const t = band[i] / (bands - 1);
      // light blue-green valleys rising to warm sand: readable under every run colour
      let r = 232 + (250 - 232) * t;
      let g = 244 + (236 - 244) * t;
      let b = 248 + (214 - 248) * t;
      const edge = (col + 1 < nx && band[i + 1] !== band[i]) || (row + 1 < ny && band[i + nx] !== band[i]);
      if (edge) {
        r *= 0.8;
        g *= 0.8;
        b *= 0.8;
      }
      rgba.set([r, g, b, 255], i * 4);
    }
  }
  return rgba;
}
