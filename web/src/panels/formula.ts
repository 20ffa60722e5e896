// The optimizer's update rule (KaTeX, rendered as MathML so no font files are needed) and the current
// values of its hyper-parameters, written with the same symbols.
import type { CatalogEntry } from '../protocol';
import type { Options } from '../state/types';
import { formatNumber } from '../format';
import { h } from '../ui/dom';

// KaTeX is a quarter of the page's script and nothing before the first training step needs it: it is
// loaded on first use and each formula is drawn into its element once it has arrived.
type Katex = typeof import('katex').default;
let katex: Katex | undefined;
let loading: Promise<Katex> | undefined;

// Update rules are wider than a phone's card (RAdam's by 200 px at 390 px): the rule is drawn smaller
// until it fits its box, down to about 10 px, still readable; past that the box scrolls.
const minScale = 0.7;
const fitted = new WeakMap<Element, number>(); // the width each rule was last fitted to
let observer: ResizeObserver | undefined;
const resized = () => (observer ??= new ResizeObserver((entries) => {
  for (const e of entries) {
    const el = e.target as HTMLElement;
    if (!el.isConnected) {
      observer!.unobserve(el);
      continue;
    }
    // Only a new width needs a new fit (fitting changes the height). On the next frame: changing the
    // size being observed inside its callback is a loop error.
    if (fitted.get(el) === e.contentRect.width) continue;
    fitted.set(el, e.contentRect.width);
    requestAnimationFrame(() => fit(el));
  }
}));

function fit(el: HTMLElement): void {
  if (!el.isConnected) return;
  el.style.fontSize = '';
  let scale = 1;
  // Up to three times: MathML does not shrink exactly in proportion (spacing is partly in whole
  // pixels; warmup_cosine's cases need the third pass).
  for (let i = 0; i < 3 && el.scrollWidth > el.clientWidth + 0.5 && scale > minScale; i++) {
    scale = Math.max(minScale, (scale * el.clientWidth) / el.scrollWidth);
    el.style.fontSize = `${scale.toFixed(3)}em`;
  }
}

function render(latex: string, el: HTMLElement, displayMode = false): void {
  const draw = (k: Katex) => {
    k.render(latex, el, { output: 'mathml', displayMode, throwOnError: false });
    if (displayMode || el.classList.contains('formula')) {
      resized().observe(el);
      fit(el);
    }
  };
  if (katex) {
    draw(katex);
    return;
  }
  loading ??= import('katex').then((m) => (katex = m.default));
  loading.then(draw, () => {
    el.textContent = latex; // the source stays readable if the module cannot be fetched
  });
}

const symbols: Record<string, string> = {
  lr: '\\eta',
  momentum: '\\mu',
  dampening: '\\tau',
  weight_decay: '\\lambda',
  eps: '\\epsilon',
  alpha: '\\alpha',
  rho: '\\rho',
  lr_decay: '\\eta_{\\text{decay}}',
  initial_accumulator_value: 's_0',
  momentum_decay: '\\psi',
};

function show(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v).replace(/e(-?\d+)/, '\\times 10^{$1}');
  if (typeof v === 'boolean') return v ? '\\text{true}' : '\\text{false}';
  return `\\text{${String(v).replace(/[^A-Za-z0-9_ .-]/g, '')}}`;
}

export function valuesLatex(values: Options): string[] {
  const parts: string[] = [];
  for (const [name, v] of Object.entries(values)) {
    if (name === 'name' || v === null || v === undefined) continue;
    if (name === 'betas' && Array.isArray(v)) {
      parts.push(`\\beta_1 = ${show(v[0])}`, `\\beta_2 = ${show(v[1])}`);
      continue;
    }
    const sym = symbols[name] ?? `\\text{${name.replace(/_/g, '\\_')}}`;
    parts.push(`${sym} = ${show(v)}`);
  }
  return parts;
}

export function formulaCard(entry: CatalogEntry, values: Options): HTMLElement {
  const rule = h('div', { class: 'formula-rule' });
  const current = h('div', { class: 'formula-values' });
  render(entry.update ?? '\\text{(no formula)}', rule, true);
  // One small formula per value, so the line wraps between values instead of overflowing.
  for (const part of valuesLatex(values)) {
    const span = h('span');
    render(part, span);
    current.appendChild(span);
  }
  return h('div', { class: 'formula', role: 'group', tabindex: 0, 'aria-label': `${entry.title}: update rule and current values` }, rule, current);
}

// A schedule's rule, smaller and without values (they are the fields right below it).
export function scheduleFormula(latex: string): HTMLElement {
  const el = h('div', { class: 'formula small', role: 'group', tabindex: 0, 'aria-label': 'schedule rule' });
  render(latex, el);
  return el;
}
