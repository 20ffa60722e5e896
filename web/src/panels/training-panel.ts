// Training: batch mode (full batch, mini-batch of B, SGD with B = 1), number of steps, seed and speed.
import { clear, field, h, numberInput, section } from '../ui/dom';
import type { PanelContext } from './context';

export function trainingPanel(ctx: PanelContext): { el: HTMLElement; render(): void } {
  const body = h('div');
  const el = section('Training', body);

  function render(): void {
    clear(body);
    const s = ctx.store.state;
    if (s.problem === 'data') {
      const mode = s.batch_size === 'full' ? 'full' : s.batch_size === 1 ? 'sgd' : 'mini';
      const group = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'batch mode' });
      const size = numberInput(typeof s.batch_size === 'number' && s.batch_size > 1 ? s.batch_size : 32, { min: 2, step: 1, 'aria-label': 'mini-batch size B' });
      for (const [value, label] of [['full', 'Full batch'], ['mini', 'Mini-batch'], ['sgd', 'SGD (B = 1)']]) {
        const id = `batch-${value}-${Math.random().toString(36).slice(2, 7)}`;
        const radio = h('input', { type: 'radio', name: `batch-${id}`, id, value });
        radio.name = 'batch-mode';
        radio.checked = mode === value;
        radio.addEventListener('change', () => {
          ctx.store.update((st) => {
            st.batch_size = value === 'full' ? 'full' : value === 'sgd' ? 1 : Math.max(2, Math.round(Number(size.value)));
          });
          render();
        });
        group.appendChild(h('span', {}, radio, h('label', { for: id, text: label })));
      }
      size.disabled = mode !== 'mini';
      size.addEventListener('change', () => ctx.store.update((st) => {
        st.batch_size = Math.max(2, Math.round(Number(size.value)));
      }));
      body.append(h('div', { class: 'field' }, h('span', { class: 'label', text: 'Batch' }), group), field('Batch size B', size));
    }
    const steps = numberInput(s.steps, { min: 1, max: 1000000, step: 1 });
    steps.addEventListener('change', () => ctx.store.update((st) => {
      st.steps = Math.max(1, Math.round(Number(steps.value)));
    }));
    const seed = numberInput(s.seed, { min: 0, step: 1 });
    seed.addEventListener('change', () => ctx.store.update((st) => {
      st.seed = Math.max(0, Math.round(Number(seed.value)));
    }));
    body.appendChild(h('div', { class: 'row' }, field('Steps', steps, 'optimizer steps before the run stops'), s.problem === 'data' ? field('Shuffle seed', seed, 'seed of the batch order; every run uses the same') : null));
  }

  render();
  return { el, render };
}
