// The collapsible section "Find a learning rate / search". Its code is fetched when the learner first
// opens it, not with the page: the first load has a size budget (docs/performance.md) and most
// visits never search.
import { h } from '../ui/dom';
import type { SearchContext } from './context';

export function lazySearchSection(ctx: SearchContext): { el: HTMLElement; dispose(): void } {
  const details = h('details', { class: 'search-details' }, h('summary', { text: 'Find a learning rate / search' }));
  let content: { el: HTMLElement; dispose(): void } | null = null;
  let loading = false;
  let disposed = false;

  details.addEventListener('toggle', async () => {
    if (!details.open || content || loading) return;
    loading = true;
    const status = h('p', { class: 'muted small', 'aria-live': 'polite', text: 'Loading the search tools…' });
    details.append(status);
    try {
      const { searchSection } = await import('./search-section');
      if (disposed) return;
      content = searchSection(ctx);
      status.replaceWith(content.el);
    } catch (e) {
      status.textContent = `The search tools did not load: ${(e as Error).message}. Close and open this section to try again.`;
      status.setAttribute('role', 'alert');
      details.addEventListener('toggle', () => status.remove(), { once: true });
    } finally {
      loading = false;
    }
  });

  return {
    el: h('section', { class: 'panel search', 'aria-label': 'Find a learning rate or search hyper-parameters' }, details),
    dispose() {
      disposed = true;
      content?.dispose();
    },
  };
}
