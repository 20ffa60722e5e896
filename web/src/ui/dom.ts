// Builds DOM without innerHTML, so no user-provided string can ever become markup (the page's CSP
// forbids inline scripts; this keeps uploaded CSV text and hash contents inert).
type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key === 'class') el.className = String(value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'testid') el.dataset.testid = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

let nextId = 0;
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

// A labelled control: the label is bound with for/id so every input has an accessible name.
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  if (!control.id) control.id = uid('f');
  const lab = h('label', { for: control.id, text: label });
  if (hint) lab.title = hint;
  return h('div', { class: 'field' }, lab, control);
}

export function select(options: Array<[string, string]>, value: string, attrs: Attrs = {}): HTMLSelectElement {
  const el = h('select', attrs);
  for (const [v, text] of options) el.appendChild(h('option', { value: v, text }));
  el.value = value;
  return el;
}

// A number field never hands its change listeners a non-number: text the browser cannot read as a
// number, or an empty field (unless its placeholder says what empty means, e.g. "off"), is marked
// invalid and reported (event `invalid-number`, bubbling out of shadow roots), and the last value
// stays in use instead of becoming 0.
export function numberInput(value: number, attrs: Attrs = {}): HTMLInputElement {
  const el = h('input', { type: 'number', step: 'any', ...attrs });
  el.value = String(value);
  el.addEventListener('change', (e) => {
    const ok = !el.validity.badInput && (el.value !== '' || el.placeholder !== '');
    if (ok) {
      el.removeAttribute('aria-invalid');
      return;
    }
    e.stopImmediatePropagation();
    el.setAttribute('aria-invalid', 'true');
    const name = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? 'this field';
    const message = `${name}: enter a number; the last valid value is still used.`;
    el.dispatchEvent(new CustomEvent('invalid-number', { bubbles: true, composed: true, detail: message }));
  });
  return el;
}

// A number field's entry as used: rounded when its step is 1 and kept within its min and max. The
// field then shows that value, so what it says never differs from what trains (300 units → 256).
export function usedValue(input: HTMLInputElement): number {
  let v = Number(input.value);
  if (input.step === '1') v = Math.round(v);
  if (input.min !== '') v = Math.max(Number(input.min), v);
  if (input.max !== '') v = Math.min(Number(input.max), v);
  if (String(v) !== input.value) input.value = String(v);
  return v;
}

export function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'panel', 'aria-label': title }, h('h2', { text: title }), ...children);
}
