// Form fields built from a catalog entry's parameters (PyTorch names, defaults, ranges, a tooltip).
import type { ParamSpec } from '../protocol';
import type { Options } from '../state/types';
import { h, numberInput, select, uid } from './dom';

function label(p: ParamSpec, id: string): HTMLLabelElement {
  const lab = h('label', { for: id, text: p.name, title: p.description });
  return lab;
}

export function paramFields(params: ParamSpec[], values: Options, onChange: (name: string, value: unknown) => void): HTMLElement {
  const box = h('div', { class: 'params' });
  for (const p of params) {
    const id = uid('p');
    const current = values[p.name] ?? p.default;
    let control: HTMLElement;
    if (p.type === 'boolean') {
      const cb = h('input', { type: 'checkbox', id, title: p.description });
      cb.checked = Boolean(current);
      cb.addEventListener('change', () => onChange(p.name, cb.checked));
      control = h('div', { class: 'field check' }, cb, label(p, id));
      box.appendChild(control);
      continue;
    }
    if (p.type === 'integer list') {
      // e.g. MultiStepLR's milestones: written as "30, 80"
      const list = Array.isArray(current) ? (current as number[]) : [];
      const input = h('input', { type: 'text', id, title: p.description, placeholder: 'e.g. 30, 80', inputmode: 'numeric' });
      input.value = list.join(', ');
      input.addEventListener('change', () => {
        const list = input.value.split(/[\s,;]+/).filter(Boolean).map(Number);
        if (list.every(Number.isFinite)) {
          input.removeAttribute('aria-invalid');
          onChange(p.name, list.map(Math.round));
          return;
        }
        input.setAttribute('aria-invalid', 'true');
        const message = `${p.name}: enter whole numbers separated by commas, e.g. 30, 80; the last valid value is still used.`;
        input.dispatchEvent(new CustomEvent('invalid-number', { bubbles: true, composed: true, detail: message }));
      });
      control = input;
    } else if (p.type === 'pair') {
      const pair = (Array.isArray(current) ? current : p.default) as number[];
      const a = numberInput(pair[0], { id, title: `${p.description} (first)`, 'aria-label': `${p.name}[0]` });
      const b = numberInput(pair[1], { title: `${p.description} (second)`, 'aria-label': `${p.name}[1]` });
      const emit = () => onChange(p.name, [Number(a.value), Number(b.value)]);
      a.addEventListener('change', emit);
      b.addEventListener('change', emit);
      control = h('div', { class: 'pair' }, a, b);
    } else if (p.values && p.values.length) {
      const sel = select(p.values.map((v) => [v, v]), String(current), { id, title: p.description });
      sel.addEventListener('change', () => onChange(p.name, sel.value));
      control = sel;
    } else if (current === null || typeof current === 'string') {
      const input = h('input', { type: 'text', id, title: p.description, placeholder: current === null ? 'none' : '' });
      input.value = current === null ? '' : String(current);
      input.addEventListener('change', () => onChange(p.name, input.value === '' ? null : Number.isFinite(Number(input.value)) ? Number(input.value) : input.value));
      control = input;
    } else {
      const input = numberInput(Number(current), {
        id,
        title: p.description,
        min: p.min,
        max: p.max,
        step: p.type === 'integer' ? 1 : 'any',
      });
      input.addEventListener('change', () => onChange(p.name, Number(input.value)));
      control = input;
    }
    box.appendChild(h('div', { class: 'field' }, label(p, id), control));
  }
  return box;
}

// Fills every parameter with its default, then the given values on top.
export function withDefaults(params: ParamSpec[], values: Options): Options {
  const out: Options = { name: values.name };
  for (const p of params) if (p.default !== null && p.default !== undefined) out[p.name] = p.default;
  return { ...out, ...values };
}
