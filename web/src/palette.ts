// Okabe & Ito (2008) colour-blind-safe palette, minus black and yellow (too close to the page's text
// and to white), in the order runs are added.
export const runColors = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#E69F00'] as const;

export const maxRuns = runColors.length;

export function runColor(index: number): string {
  return runColors[((index % runColors.length) + runColors.length) % runColors.length];
}

// Two-class heatmap colours (blue for class 0, orange for class 1), mixed by probability.
const class0 = [0, 114, 178];
const class1 = [230, 159, 0];

export function probabilityColor(p: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, p));
  const mix = (i: number) => Math.round(255 + (((t < 0.5 ? class0 : class1)[i] - 255) * Math.abs(t - 0.5) * 2) * 0.5);
  return [mix(0), mix(1), mix(2)];
}

// Colours for up to ten classes (Okabe–Ito first, then Tol's muted scheme).
const classPalette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#332288', '#999933', '#882255', '#44AA99'];

export function classColor(k: number): string {
  return classPalette[k % classPalette.length];
}
