// Reads the engine's catalogs (JSON strings from the bindings) into the page's shapes.
import type { CoreModule } from '../generated/core.js';
import type { Catalog, CatalogEntry, FunctionEntry, ParamSpec } from '../protocol';
import type { Options } from '../state/types';
import { bindings } from './bindings';

type Raw = Record<string, any>;

function param(p: Raw): ParamSpec {
  return {
    name: String(p.name),
    type: String(p.type ?? 'number'),
    default: p.default,
    min: typeof p.min === 'number' ? p.min : undefined,
    max: typeof p.max === 'number' ? p.max : undefined,
    values: Array.isArray(p.values) ? p.values.map(String) : Array.isArray(p.choices) ? p.choices.map(String) : undefined,
    description: String(p.description ?? ''),
  };
}

function entries(json: string): CatalogEntry[] {
  return (JSON.parse(json) as Raw[]).map((e) => ({
    name: String(e.name),
    title: String(e.title ?? e.name),
    description: String(e.summary ?? e.description ?? ''),
    update: typeof e.update === 'string' ? e.update : typeof e.formula === 'string' ? e.formula : undefined,
    params: ((e.params as Raw[] | undefined) ?? []).map(param),
  }));
}

export function functionEntries(json: string): FunctionEntry[] {
  return (JSON.parse(json) as Raw[]).map((f) => ({
    name: String(f.name),
    title: String(f.title ?? f.name),
    description: String(f.description ?? ''),
    x: f.range.x,
    y: f.range.y,
    x0: f.start,
    minima: ((f.minima ?? []) as Array<{ x: number; y: number }>).map((m) => [m.x, m.y] as [number, number]),
  }));
}

export function readCatalog(core: CoreModule): Catalog {
  const b = bindings(core, ['optimizerCatalog', 'scheduleCatalog', 'functionCatalog']);
  return { optimizers: entries(b.optimizerCatalog()), schedules: entries(b.scheduleCatalog()), functions: functionEntries(b.functionCatalog()) };
}

export function lrPreview(core: CoreModule, schedule: Options | null, lr: number, steps: number): number[] {
  return Array.from(bindings(core, ['schedulePreview']).schedulePreview(JSON.stringify(schedule), lr, steps));
}
