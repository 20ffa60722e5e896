// A canvas sized for the device's pixel ratio, drawing in CSS pixels.
import { formatNumber } from '../format';
import { h } from '../ui/dom';
import { themeOf, type Theme } from '../ui/theme';

export class Surface {
  readonly canvas: HTMLCanvasElement;
  readonly ctx: CanvasRenderingContext2D;

  constructor(readonly width: number, readonly height: number, label: string) {
    this.canvas = h('canvas', { role: 'img', 'aria-label': label });
    const ratio = Math.max(1, Math.min(2, globalThis.devicePixelRatio || 1));
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.canvas.style.width = '100%';
    this.canvas.style.aspectRatio = `${width} / ${height}`;
    this.ctx = this.canvas.getContext('2d')!;
    this.ctx.scale(ratio, ratio);
  }

  // Read when drawing (not when built): the canvas must be in the playground to see its theme.
  get theme(): Theme {
    return themeOf(this.canvas);
  }

  clear(): void {
    this.ctx.fillStyle = this.theme.panel;
    this.ctx.fillRect(0, 0, this.width, this.height);
  }

  // Draws a picture made by toImage(), stretched over the rectangle.
  image(picture: OffscreenCanvas, x: number, y: number, w: number, hgt: number): void {
    this.ctx.imageSmoothingEnabled = true;
    this.ctx.drawImage(picture, x, y, w, hgt);
  }

  // The frame's outline, its x and y ranges at the ends of their axes, and both axis names. The y
  // numbers run along the axis, as its name does, so they fit in the narrow left margin.
  axes(f: Frame, xLabel: string, yLabel: string): void {
    const ctx = this.ctx;
    ctx.strokeStyle = this.theme.line;
    ctx.lineWidth = 1;
    ctx.strokeRect(f.left, f.top, f.w, f.hgt);
    ctx.fillStyle = this.theme.muted;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.fillText(formatNumber(f.xr[0], 2), f.left, f.top + f.hgt + 13);
    ctx.textAlign = 'right';
    ctx.fillText(formatNumber(f.xr[1], 2), f.left + f.w, f.top + f.hgt + 13);
    ctx.textAlign = 'center';
    ctx.fillText(xLabel, f.left + f.w / 2, f.top + f.hgt + 26);
    ctx.save();
    ctx.translate(12, f.top + f.hgt / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(yLabel, 0, 0);
    ctx.restore();
    ctx.save();
    ctx.translate(f.left - 4, f.top + f.hgt);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'left';
    ctx.fillText(formatNumber(f.yr[0], 2), 0, 0);
    ctx.textAlign = 'right';
    ctx.fillText(formatNumber(f.yr[1], 2), f.hgt, 0);
    ctx.restore();
  }
}

// An RGBA image of nx × ny cells (row 0 at the bottom), made once and drawn many times.
export function toImage(rgba: Uint8ClampedArray, nx: number, ny: number): OffscreenCanvas {
  const off = new OffscreenCanvas(nx, ny);
  const img = new ImageData(nx, ny);
  for (let row = 0; row < ny; row++) {
    img.data.set(rgba.subarray(row * nx * 4, row * nx * 4 + nx * 4), (ny - 1 - row) * nx * 4); // canvas rows go down
  }
  off.getContext('2d')!.putImageData(img, 0, 0);
  return off;
}

// Maps data coordinates to the plotting rectangle.
export class Frame {
  constructor(
    readonly xr: [number, number],
    readonly yr: [number, number],
    readonly left: number,
    readonly top: number,
    readonly w: number,
    readonly hgt: number,
  ) {}

  px(x: number): number {
    return this.left + ((x - this.xr[0]) / (this.xr[1] - this.xr[0])) * this.w;
  }

  py(y: number): number {
    return this.top + this.hgt - ((y - this.yr[0]) / (this.yr[1] - this.yr[0])) * this.hgt;
  }

  dataX(px: number): number {
    return this.xr[0] + ((px - this.left) / this.w) * (this.xr[1] - this.xr[0]);
  }

  dataY(py: number): number {
    return this.yr[0] + ((this.top + this.hgt - py) / this.hgt) * (this.yr[1] - this.yr[0]);
  }
}

// The smallest and largest finite values ([0, 1] when there are none): diverged runs leave NaN/Inf.
export function finiteRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}

export function extent(values: ArrayLike<number>, pad = 0.05): [number, number] {
  const [lo, hi] = finiteRange(values);
  if (hi - lo < 1e-12) return [lo - 1, hi + 1];
  const p = (hi - lo) * pad;
  return [lo - p, hi + p];
}
