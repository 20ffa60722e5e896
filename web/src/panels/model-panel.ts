// Model: hidden layers (units, activation), initialisation, feature crosses, loss and L1/L2.
import { clear, field, h, numberInput, section, select, uid, usedValue } from '../ui/dom';
import type { PanelContext } from './context';

const activations = ['relu', 'tanh', 'sigmoid', 'leaky_relu', 'elu', 'gelu', 'softplus', 'linear'];
const inits = ['xavier_uniform', 'xavier_normal', 'kaiming_uniform', 'kaiming_normal', 'lecun_normal', 'zeros'];
const losses: Array<[string, string]> = [
  ['auto', 'auto — from the task'],
  ['mse', 'mse — mean squared error'],
  ['mae', 'mae — mean absolute error (L1Loss)'],
  ['huber', 'huber — HuberLoss'],
  ['cross_entropy', 'cross_entropy — softmax + log loss'],
  ['bce_logits', 'bce_logits — sigmoid + log loss'],
  ['hinge', 'hinge — margin loss'],
];
const crosses: Array<[string, string]> = [
  ['square', 'x²'],
  ['product', 'x₁·x₂'],
  ['sin', 'sin x'],
];

export function modelPanel(ctx: PanelContext): { el: HTMLElement; render(): void } {
  const body = h('div');
  const el = section('Model', body);

  function layers(): HTMLElement {
    const s = ctx.store.state;
    const list = h('ol', { class: 'layers', 'aria-label': 'hidden layers' });
    s.model.hidden.forEach((layer, i) => {
      const units = numberInput(layer.units, { min: 1, max: 256, step: 1, 'aria-label': `layer ${i + 1} units` });
      units.addEventListener('change', () => ctx.store.update((st) => {
        st.model.hidden[i].units = usedValue(units);
      }));
      const act = select(activations.map((a) => [a, a]), layer.activation, { 'aria-label': `layer ${i + 1} activation` });
      act.addEventListener('change', () => ctx.store.update((st) => {
        st.model.hidden[i].activation = act.value;
      }));
      const remove = h('button', { type: 'button', class: 'icon', 'aria-label': `remove layer ${i + 1}`, title: 'remove this layer', text: '×' });
      remove.addEventListener('click', () => {
        ctx.store.update((st) => {
          st.model.hidden.splice(i, 1);
        });
        render();
      });
      list.appendChild(h('li', {}, h('span', { class: 'layer-name', text: `hidden ${i + 1}` }), units, act, remove));
    });
    const add = h('button', { type: 'button', class: 'secondary', text: '+ hidden layer', disabled: s.model.hidden.length >= 8 });
    add.addEventListener('click', () => {
      ctx.store.update((st) => {
        const last = st.model.hidden.at(-1);
        st.model.hidden.push({ units: last?.units ?? 8, activation: last?.activation ?? 'relu' });
      });
      render();
    });
    const summary = s.model.hidden.length === 0
      ? 'No hidden layer: a linear model (linear, logistic or softmax regression).'
      : `${s.model.hidden.length} hidden layer${s.model.hidden.length > 1 ? 's' : ''}; the output layer follows from the loss.`;
    return h('div', {}, list, h('div', { class: 'row' }, add), h('p', { class: 'muted small', text: summary }));
  }

  function render(): void {
    clear(body);
    const s = ctx.store.state;
    if (s.problem === 'function') {
      body.appendChild(h('p', { class: 'muted', text: 'A test function has no model: the optimizer moves the two parameters (x, y) directly.' }));
      return;
    }
    body.appendChild(layers());
    const init = select(inits.map((i) => [i, i]), s.model.init);
    init.addEventListener('change', () => ctx.store.update((st) => {
      st.model.init = init.value;
    }));
    const initSeed = numberInput(s.model.init_seed, { min: 0, step: 1 });
    initSeed.addEventListener('change', () => ctx.store.update((st) => {
      st.model.init_seed = usedValue(initSeed);
    }));
    body.appendChild(h('div', { class: 'row' }, field('Initialisation', init, 'how the weights start'), field('Init seed', initSeed, 'same seed ⇒ same initial weights')));
    const crossBox = h('div', { class: 'checks', role: 'group', 'aria-label': 'feature crosses' });
    for (const [name, label] of crosses) {
      const cb = h('input', { type: 'checkbox', id: uid(`cross-${name}`) });
      cb.checked = s.features.includes(name);
      cb.addEventListener('change', () => ctx.store.update((st) => {
        st.features = cb.checked ? [...st.features, name] : st.features.filter((f) => f !== name);
      }));
      crossBox.appendChild(h('span', { class: 'check' }, cb, h('label', { for: cb.id, text: label })));
    }
    body.appendChild(h('div', { class: 'field' }, h('span', { class: 'label', text: 'Extra input features' }), crossBox));
    const loss = select(losses, s.loss);
    loss.addEventListener('change', () => ctx.store.update((st) => {
      st.loss = loss.value;
    }));
    body.appendChild(field('Loss', loss, 'PyTorch names; mean over the batch. auto: mse for regression, cross-entropy for classes'));
    const l1 = numberInput(s.regularization.l1, { min: 0, step: 0.0001 });
    const l2 = numberInput(s.regularization.l2, { min: 0, step: 0.0001 });
    l1.addEventListener('change', () => ctx.store.update((st) => {
      st.regularization.l1 = usedValue(l1);
    }));
    l2.addEventListener('change', () => ctx.store.update((st) => {
      st.regularization.l2 = usedValue(l2);
    }));
    body.appendChild(h('div', { class: 'row' }, field('L1 λ', l1, 'adds λ·Σ|W| to the loss (weights only)'), field('L2 λ', l2, 'adds λ·ΣW² to the loss (weights only)')));
  }

  render();
  return { el, render };
}
