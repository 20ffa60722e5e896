// Share and export: copy a link with the whole state, download metrics/chart/experiment/weights,
// import an experiment JSON.
import { h, uid } from '../ui/dom';

export interface ShareActions {
  copyLink(): Promise<string>;
  metricsCsv(): void;
  chartPng(): void;
  experimentJson(): void;
  weightsJson(): void;
  importJson(text: string): void;
  embedCode(): { script: string; iframe: string };
}

export function sharePanel(actions: ShareActions) {
  const copied = h('span', { class: 'muted small', 'aria-live': 'polite' });
  const button = (text: string, testid: string, run: () => void) => {
    const b = h('button', { type: 'button', class: 'secondary', testid, text });
    b.addEventListener('click', run);
    return b;
  };
  const importInput = h('input', { type: 'file', accept: '.json,application/json', id: uid('import-json'), testid: 'import-json', class: 'visually-hidden' });
  importInput.addEventListener('change', async () => {
    const file = importInput.files?.[0];
    if (file) actions.importJson(await file.text());
    importInput.value = '';
  });
  const menu = h('details', { class: 'menu' },
    h('summary', { class: 'button secondary', text: 'Export' }),
    h('div', { class: 'menu-items' },
      button('Metrics (CSV)', 'export-csv', actions.metricsCsv),
      button('Loss chart (PNG)', 'export-png', actions.chartPng),
      button('Experiment (JSON)', 'export-json', actions.experimentJson),
      button('Trained weights (JSON)', 'export-weights', actions.weightsJson),
      h('label', { for: importInput.id, class: 'button secondary', text: 'Import experiment…' }),
      importInput));
  // The menu closes once something is chosen, like any menu.
  menu.addEventListener('click', (e) => {
    if ((e.target as HTMLElement).closest('.menu-items button')) menu.open = false;
  });
  importInput.addEventListener('change', () => (menu.open = false));
  // Both snippets are shown for reading and copying by hand (clipboards can be off), and copied.
  const embedText = h('textarea', { readonly: true, rows: 9, testid: 'embed-code', 'aria-label': 'embed code', class: 'embed-code' });
  const embedNote = h('span', { class: 'muted small', 'aria-live': 'polite' });
  const embed = h('details', { class: 'menu' },
    h('summary', { class: 'button secondary', text: 'Embed' }),
    h('div', { class: 'menu-items', style: 'width: 36rem' },
      h('p', { class: 'small muted', text: 'Paste into any page: the script and element, or (where scripts are not allowed) the iframe.' }),
      embedText,
      h('div', { class: 'row' }, button('Copy embed code', 'copy-embed', () => {
        embedText.select();
        navigator.clipboard.writeText(embedText.value).then(() => 'Copied.', () => 'Select the text and copy it.').then((note) => (embedNote.textContent = note));
      }), embedNote)));
  embed.addEventListener('toggle', () => {
    if (!embed.open) return;
    const code = actions.embedCode();
    embedText.value = `<!-- script + element -->\n${code.script}\n\n<!-- iframe -->\n${code.iframe}`;
    embedNote.textContent = '';
  });
  // Menus behave like menus: one open at a time (they overlap), closed by Escape or a click elsewhere.
  const menus = [embed, menu];
  for (const m of menus) {
    m.addEventListener('toggle', () => {
      if (m.open) for (const other of menus) if (other !== m) other.open = false;
    });
    m.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || !m.open) return;
      m.open = false;
      m.querySelector('summary')?.focus();
    });
  }
  document.addEventListener('pointerdown', (e) => {
    for (const m of menus) if (m.open && !e.composedPath().includes(m)) m.open = false;
  });
  const el = h('div', { class: 'share', role: 'group', 'aria-label': 'share and export' },
    button('Copy link', 'copy-link', () => {
      actions.copyLink().then((note) => {
        copied.textContent = note;
        setTimeout(() => (copied.textContent = ''), 3000);
      });
    }),
    embed,
    menu,
    copied);
  return { el };
}
