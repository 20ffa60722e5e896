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
  const el = h('div', { class: 'share', role: 'group', 'aria-label': 'share and export' },
    button('Copy link', 'copy-link', () => {
      actions.copyLink().then((note) => {
        copied.textContent = note;
        setTimeout(() => (copied.textContent = ''), 3000);
      });
    }),
    menu,
    copied);
  return { el };
}
