// Reads the engine's catalogs (JSON strings from the bindings) into the page's shapes.
import type { CoreModule } from '../generated/core.js';
import type { Catalog, CatalogEntry, FunctionEntry, ParamSpec } from '../protocol';
import type { Options } from '../state/types';
import { engine } from './bindings';

function entries(json: string): CatalogEntry[] {
  const list = JSON.parse(json) as Array<Record<string, unknown>>;
  return list.map((e) => ({
    name: String(e.name),
    title: String(e.title ?? e.name),
    description: String(e.description ?? ''),
    update: typeof e.update === 'string' ? e.update : undefined,
    params: ((e.params as ParamSpec[] | undefined) ?? []).map((p) => ({ ...p, description: p.description ?? '' })),
  }));
}

function functions(json: string): FunctionEntry[] {
  const list = JSON.parse(json) as Array<Record<string, any>>;
  return list.map((f) => ({
    name: String(f.name),
    title: String(f.title ?? f.name),
    description: String(f.description ?? ''),
    x: f.range.x,
    y: f.range.y,
    x0: f.start,
    minima: (f.minima ?? []).map((m: { x: number; y: number }) => [m.x, m.y]),
  }));
}

export function readCatalog(core: CoreModule): Catalog {
  const e = engine(core);
  return { optimizers: entries(e.optimizerCatalog()), schedules: entries(e.scheduleCatalog()), functions: functions(e.functionCatalog()) };
}

export function lrPreview(core: CoreModule, schedule: Options | null, lr: number, steps: number): number[] {
  return Array.from(engine(core).schedulePreview(JSON.stringify(schedule), lr, steps));
}
