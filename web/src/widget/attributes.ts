// Turns the element's attributes into what mountPlayground needs. Every problem is reported as a
// WidgetError whose message names the attribute and what it accepts, so a page author sees what to fix.
import { findPreset, presets } from '../presets';
import { importState } from '../state/from-spec';
import { defaultState, type PlaygroundState } from '../state/types';

export class WidgetError extends Error {}

// The panels a widget can show. 'share' is left out: its links point at the host page, not descent.
export const panelNames = ['data', 'model', 'training', 'optimizers', 'charts', 'views', 'presets', 'search'];
export const defaultControls = ['views', 'charts'];

export function parseControls(value: string | null): string[] {
  if (value === null || value.trim() === '') return defaultControls;
  const names = value.split(/[\s,]+/).filter(Boolean);
  if (names.length === 1 && names[0] === 'all') return panelNames;
  if (names.length === 1 && names[0] === 'none') return [];
  for (const n of names) {
    if (!panelNames.includes(n)) throw new WidgetError(`controls: unknown panel "${n}" (allowed: ${panelNames.join(', ')}, or "all" / "none")`);
  }
  return names;
}

export function parseTheme(value: string | null): 'light' | 'dark' {
  if (value === null || value === '' || value === 'light') return 'light';
  if (value === 'dark') return 'dark';
  throw new WidgetError(`theme: expected "light" or "dark", got "${value}"`);
}

// A bare number means pixels; anything else must be a CSS length the browser accepts.
export function parseHeight(value: string | null): string {
  if (value === null || value.trim() === '') return '';
  const v = value.trim();
  const css = /^\d+(\.\d+)?$/.test(v) ? `${v}px` : v;
  if (!CSS.supports('height', css)) throw new WidgetError(`height: expected pixels (e.g. "480") or a CSS length, got "${value}"`);
  return css;
}

// `config` is inline JSON (it starts with "{") or the URL of a JSON file, relative to the page.
// It wins over `preset`; with neither, the playground's default experiment is shown.
export async function resolveState(preset: string | null, config: string | null, signal: AbortSignal): Promise<PlaygroundState> {
  if (config !== null && config.trim() !== '') return readConfig(config.trim(), signal);
  if (preset === null || preset === '') return defaultState();
  const p = findPreset(preset);
  if (!p) throw new WidgetError(`preset: unknown preset "${preset}" (allowed: ${presets.map((x) => x.id).join(', ')})`);
  return p.state();
}

async function readConfig(config: string, signal: AbortSignal): Promise<PlaygroundState> {
  let text = config;
  if (!config.startsWith('{')) {
    const url = new URL(config, document.baseURI);
    let response: Response;
    try {
      response = await fetch(url, { signal });
    } catch (e) {
      if (signal.aborted) throw e;
      throw new WidgetError(`config: could not load ${url.href} (${(e as Error).message})`);
    }
    if (!response.ok) throw new WidgetError(`config: could not load ${url.href} (HTTP ${response.status})`);
    text = await response.text();
  }
  try {
    return importState(text);
  } catch (e) {
    throw new WidgetError(`config: ${(e as Error).message}`);
  }
}
