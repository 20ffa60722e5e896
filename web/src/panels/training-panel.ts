// Training: batch mode (full batch, mini-batch of B, SGD with B = 1), number of steps, seed and speed.
import { clear, field, h, numberInput, section, select, uid, usedValue } from '../ui/dom';
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
      const groupName = uid('batch-mode');
      for (const [value, label] of [['full', 'Full batch'], ['mini', 'Mini-batch'], ['sgd', 'SGD (B = 1)']]) {
        const id = uid(`batch-${value}`);
        const radio = h('input', { type: 'radio', name: groupName, id, value });
        radio.checked = mode === value;
        radio.addEventListener('change', () => {
          ctx.store.update((st) => {
            st.batch_size = value === 'full' ? 'full' : value === 'sgd' ? 1 : usedValue(size);
          });
          render();
        });
        group.appendChild(h('span', {}, radio, h('label', { for: id, text: label })));
      }
      size.disabled = mode !== 'mini';
      size.addEventListener('change', () => ctx.store.update((st) => {
        st.batch_size = usedValue(size);
      }));
      body.append(h('div', { class: 'field' }, h('span', { class: 'label', text: 'Batch' }), group), field('Batch size B', size));
    }
    const byEpochs = s.problem === 'data' && s.epochs !== undefined;
    const steps = numberInput(byEpochs ? s.epochs! : s.steps, { min: 1, max: 1000000, step: 1, 'aria-label': 'training length' });
    steps.addEventListener('change', () => ctx.store.update((st) => {
      const n = usedValue(steps);
      if (st.epochs !== undefined && st.problem === 'data') st.epochs = n;
      else st.steps = n;
    }));
    const unit = select([['steps', 'steps'], ['epochs', 'epochs']], byEpochs ? 'epochs' : 'steps', { 'aria-label': 'count training in' });
    unit.addEventListener('change', () => {
      ctx.store.update((st) => {
        if (unit.value === 'epochs') st.epochs = 50;
        else delete st.epochs;
      });
      render();
    });
    const seed = numberInput(s.seed, { min: 0, step: 1 });
    seed.addEventListener('change', () => ctx.store.update((st) => {
      st.seed = usedValue(seed);
    }));
    const length = s.problem === 'data'
      ? h('div', { class: 'field' }, h('span', { class: 'label', text: 'Train for' }), h('div', { class: 'pair' }, steps, unit))
      : field('Steps', steps, 'optimizer steps before the run stops');
    body.appendChild(h('div', { class: 'row' }, length, s.problem === 'data' ? field('Shuffle seed', seed, 'seed of the batch order; every run uses the same') : null));
    if (s.problem === 'data') {
      const target = numberInput(s.stop?.target_loss ?? NaN, { min: 0, step: 'any', placeholder: 'off' });
      if (s.stop?.target_loss === undefined) target.value = '';
      const patience = numberInput(s.stop?.patience ?? NaN, { min: 0, step: 1, placeholder: 'off' });
      if (s.stop?.patience === undefined) patience.value = '';
      const setStop = () => ctx.store.update((st) => {
        const stop: NonNullable<typeof st.stop> = {};
        if (target.value !== '') stop.target_loss = usedValue(target);
        if (patience.value !== '' && usedValue(patience) > 0) stop.patience = usedValue(patience);
        if (Object.keys(stop).length) st.stop = stop;
        else delete st.stop;
      });
      target.addEventListener('change', setStop);
      patience.addEventListener('change', setStop);
      body.appendChild(h('div', { class: 'row' },
        field('Stop at train loss ≤', target, 'stop once the whole-training-set loss reaches this (empty: off)'),
        field('Early-stop patience', patience, 'stop after this many evaluations without a better test loss (empty: off)')));
    }
  }

  render();
  return { el, render };
}
