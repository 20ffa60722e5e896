// The two ways to put the current experiment into another page: the widget script with an element
// carrying the state as `config`, and an iframe of embed.html with the state in its hash.
import { encodeState } from '../state/hash';
import type { PlaygroundState } from '../state/types';

// The JSON goes in a single-quoted attribute: only & and ' need escaping there.
function attribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/'/g, '&#39;');
}

// `page` is the playground's own URL; the widget files sit next to it in dist/.
export function embedSnippets(state: PlaygroundState, page: string): { script: string; iframe: string } {
  const widget = new URL('descent-widget.js', page).href;
  const embed = new URL('embed.html', page);
  embed.search = '?controls=views,charts';
  embed.hash = encodeState(state);
  return {
    script: `<script type="module" src="${widget}"></script>\n<descent-playground config='${attribute(JSON.stringify(state))}' controls="views,charts"></descent-playground>`,
    iframe: `<iframe src="${embed.href}" title="descent playground" width="100%" height="720" style="border:0" loading="lazy"></iframe>`,
  };
}
