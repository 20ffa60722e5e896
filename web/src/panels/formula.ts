// The optimizer's update rule (KaTeX, rendered as MathML so no font files are needed) and the current
// values of its hyper-parameters, written with the same symbols.
import katex from 'katex';
import type { CatalogEntry } from '../protocol';
import type { Options } from '../state/types';
import { formatNumber } from '../format';
import { h } from '../ui/dom';

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
  katex.render(entry.update ?? '\\text{(no formula)}', rule, { output: 'mathml', displayMode: true, throwOnError: false });
  // One small formula per value, so the line wraps between values instead of overflowing.
  for (const part of valuesLatex(values)) {
    const span = h('span');
    katex.render(part, span, { output: 'mathml', throwOnError: false });
    current.appendChild(span);
  }
  return h('div', { class: 'formula', role: 'group', tabindex: 0, 'aria-label': `${entry.title}: update rule and current values` }, rule, current);
}

// A schedule's rule, smaller and without values (they are the fields right below it).
export function scheduleFormula(latex: string): HTMLElement {
  const el = h('div', { class: 'formula small', role: 'group', tabindex: 0, 'aria-label': 'schedule rule' });
  katex.render(latex, el, { output: 'mathml', throwOnError: false });
  return el;
}
