// embed.html: one widget filling the frame, for sites that allow iframes but not scripts. The state
// comes from the hash (the playground's own link codec); query parameters set the other attributes,
// e.g. embed.html?controls=views,charts&autoplay#s=…
import './index';
import './embed-page.css';
import { decodeState } from '../state/hash';
import { DescentPlayground } from './element';

const widget = document.querySelector<DescentPlayground>('descent-playground')!;
const linkError = document.querySelector<HTMLElement>('.link-error')!;

function apply(): void {
  const query = new URLSearchParams(location.search);
  for (const name of DescentPlayground.observedAttributes) {
    if (name === 'config' || name === 'height') continue;
    const value = query.get(name);
    if (value === null) widget.removeAttribute(name);
    else widget.setAttribute(name, value);
  }
  try {
    const state = decodeState(location.hash);
    if (state) widget.setAttribute('config', JSON.stringify(state));
    else widget.removeAttribute('config');
    linkError.hidden = true;
    widget.hidden = false;
  } catch (e) {
    linkError.textContent = `This embedded playground's link is broken: ${(e as Error).message}.`;
    linkError.hidden = false;
    widget.hidden = true;
  }
}

apply();
window.addEventListener('hashchange', apply);
