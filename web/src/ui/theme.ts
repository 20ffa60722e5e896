// Canvas and chart colours follow the playground's CSS variables, so the dark theme (and a host
// page's widget theme) reaches what is drawn, not only what is styled.
export interface Theme {
  panel: string;
  text: string;
  muted: string;
  line: string;
  soft: string;
}

const light: Theme = { panel: '#ffffff', text: '#1b1f24', muted: '#57606a', line: '#c9ced6', soft: '#eef0f3' };

export function themeOf(el: Element): Theme {
  const host = el.closest('.descent');
  if (!host) return light;
  const css = getComputedStyle(host);
  const get = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { panel: get('--panel', light.panel), text: get('--text', light.text), muted: get('--muted', light.muted), line: get('--line', light.line), soft: get('--soft', light.soft) };
}
