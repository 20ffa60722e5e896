// The presets gallery: one button per lesson; choosing one replaces the whole state.
import { presets, type Preset } from '../presets';
import { h } from '../ui/dom';

export function presetsPanel(onChoose: (preset: Preset) => void) {
  const list = h('div', { class: 'preset-list' });
  for (const p of presets) {
    const b = h('button', { type: 'button', class: 'preset', 'data-preset': p.id, testid: `preset-${p.id}` },
      h('strong', { text: p.title }), h('span', { text: p.lesson }));
    b.addEventListener('click', () => onChoose(p));
    list.appendChild(b);
  }
  const el = h('details', { class: 'presets' }, h('summary', {}, h('span', { class: 'presets-title', text: 'Lessons' }), h('span', { class: 'muted', text: ' — presets that each show one idea' })), list);
  return { el };
}
