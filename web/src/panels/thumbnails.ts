// Small pictures of the built-in synthetic sets, drawn from their shapes (decorative: the real data
// comes from the engine's seeded generators).
import { h } from '../ui/dom';

const blue = '#0072B2';
const orange = '#E69F00';

function rand(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

type Painter = (ctx: CanvasRenderingContext2D, r: () => number) => void;

function dot(ctx: CanvasRenderingContext2D, x: number, y: number, color: string): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.arc(x, y, 1.6, 0, 2 * Math.PI);
  ctx.fill();
}

const painters: Record<string, Painter> = {
  circle: (ctx, r) => {
    for (let i = 0; i < 90; i++) {
      const inner = i % 2 === 0;
      const rad = inner ? r() * 9 : 13 + r() * 6;
      const a = r() * 2 * Math.PI;
      dot(ctx, 24 + rad * Math.cos(a), 24 + rad * Math.sin(a), inner ? blue : orange);
    }
  },
  xor: (ctx, r) => {
    for (let i = 0; i < 90; i++) {
      const x = r() * 44 + 2;
      const y = r() * 44 + 2;
      dot(ctx, x, y, (x - 24) * (y - 24) > 0 ? blue : orange);
    }
  },
  gauss: (ctx, r) => {
    for (let i = 0; i < 90; i++) {
      const c = i % 2 ? 15 : 33;
      dot(ctx, c + (r() + r() - 1) * 9, c + (r() + r() - 1) * 9, i % 2 ? blue : orange);
    }
  },
  spiral: (ctx, r) => {
    for (let i = 0; i < 100; i++) {
      const t = (i >> 1) / 50;
      const a = t * 1.75 * 2 * Math.PI + (i % 2) * Math.PI;
      const rad = t * 20 + r();
      dot(ctx, 24 + rad * Math.sin(a), 24 + rad * Math.cos(a), i % 2 ? orange : blue);
    }
  },
  plane: (ctx) => {
    const g = ctx.createLinearGradient(0, 48, 48, 0);
    g.addColorStop(0, '#cfe3f1');
    g.addColorStop(1, '#f5c48a');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 48, 48);
  },
  multi_gauss: (ctx) => {
    ctx.fillStyle = '#f3f5f8';
    ctx.fillRect(0, 0, 48, 48);
    for (const [x, y, c] of [[14, 14, '#cfe3f1'], [34, 32, '#f5c48a'], [34, 12, '#b9d9c9'], [12, 34, '#e6c3d9']] as const) {
      const g = ctx.createRadialGradient(x, y, 1, x, y, 13);
      g.addColorStop(0, c);
      g.addColorStop(1, 'rgba(255,255,255,0)');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, 48, 48);
    }
  },
  five_points: (ctx) => {
    const ys = [2, 3, 5, 7, 11];
    ys.forEach((y, i) => dot(ctx, 8 + i * 8, 42 - y * 3.3, blue));
    ctx.strokeStyle = orange;
    ctx.beginPath();
    ctx.moveTo(4, 44);
    ctx.lineTo(44, 2);
    ctx.stroke();
  },
  linear: (ctx, r) => {
    for (let i = 0; i < 40; i++) {
      const x = 3 + r() * 42;
      dot(ctx, x, 45 - x * 0.9 + (r() - 0.5) * 10, blue);
    }
  },
  sine: (ctx, r) => {
    for (let i = 0; i < 50; i++) {
      const x = 2 + r() * 44;
      dot(ctx, x, 24 - 14 * Math.sin((x / 44) * 2 * Math.PI) + (r() - 0.5) * 5, blue);
    }
  },
};

export const thumbnailSources = Object.keys(painters);

export function thumbnail(source: string): HTMLCanvasElement {
  const canvas = h('canvas', { width: 96, height: 96, 'aria-hidden': 'true' });
  canvas.style.width = '48px';
  canvas.style.height = '48px';
  const ctx = canvas.getContext('2d')!;
  ctx.scale(2, 2);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 48, 48);
  painters[source]?.(ctx, rand(source.length * 7919));
  return canvas;
}
