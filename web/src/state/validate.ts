// Checks an untrusted object (from the URL hash or an imported JSON file) against the state's shape.
// Names and ranges of optimizers, schedules, losses... are checked by the engine when a run starts;
// here only the structure, so that a bad link fails with a message naming the field.
import { maxRuns } from '../palette';
import type { Layer, Options, PlaygroundState, RunConfig } from './types';

export class StateError extends Error {}

function fail(path: string, expected: string): never {
  throw new StateError(`${path}: expected ${expected}`);
}

function obj(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'an object');
  return v as Record<string, unknown>;
}

function num(v: unknown, path: string, min = -Infinity, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) fail(path, `a number in [${min}, ${max}]`);
  return v;
}

function int(v: unknown, path: string, min: number, max: number): number {
  if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) fail(path, `an integer in [${min}, ${max}]`);
  return v as number;
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > 200) fail(path, 'a non-empty string');
  return v;
}

function options(v: unknown, path: string): Options {
  const o = obj(v, path);
  str(o.name, `${path}.name`);
  return o as Options;
}

function run(v: unknown, path: string): RunConfig {
  const o = obj(v, path);
  const out: RunConfig = {
    optimizer: options(o.optimizer, `${path}.optimizer`),
    schedule: o.schedule === null || o.schedule === undefined ? null : options(o.schedule, `${path}.schedule`),
  };
  if (o.batch_size !== undefined) out.batch_size = o.batch_size === 'full' ? 'full' : int(o.batch_size, `${path}.batch_size`, 1, 1_000_000);
  if (o.regularization !== undefined) {
    const r = obj(o.regularization, `${path}.regularization`);
    out.regularization = { l1: num(r.l1, `${path}.regularization.l1`, 0), l2: num(r.l2, `${path}.regularization.l2`, 0) };
  }
  return out;
}

function layer(v: unknown, path: string): Layer {
  const o = obj(v, path);
  return { units: int(o.units, `${path}.units`, 1, 256), activation: str(o.activation, `${path}.activation`) };
}

export function validateState(input: unknown): PlaygroundState {
  const s = obj(input, 'state');
  if (s.problem !== 'data' && s.problem !== 'function') fail('problem', "'data' or 'function'");
  const data = obj(s.data, 'data');
  str(data.source, 'data.source');
  const fn = obj(s.fn, 'fn');
  const x0 = fn.x0;
  if (!Array.isArray(x0) || x0.length !== 2) fail('fn.x0', 'two numbers');
  const model = obj(s.model, 'model');
  if (!Array.isArray(model.hidden) || model.hidden.length > 8) fail('model.hidden', 'a list of at most 8 layers');
  const reg = obj(s.regularization, 'regularization');
  if (!Array.isArray(s.features) || s.features.some((f) => typeof f !== 'string')) fail('features', 'a list of names');
  if (!Array.isArray(s.runs) || s.runs.length < 1 || s.runs.length > maxRuns) fail('runs', `a list of 1 to ${maxRuns} runs`);
  let stop: PlaygroundState['stop'];
  if (s.stop !== undefined) {
    const st = obj(s.stop, 'stop');
    stop = {};
    if (st.target_loss !== undefined) stop.target_loss = num(st.target_loss, 'stop.target_loss', 0);
    if (st.patience !== undefined) stop.patience = int(st.patience, 'stop.patience', 0, 1_000_000);
  }
  const batch = s.batch_size === 'full' ? 'full' : int(s.batch_size, 'batch_size', 1, 1_000_000);
  return {
    problem: s.problem,
    data: data as unknown as PlaygroundState['data'],
    fn: { name: str(fn.name, 'fn.name'), x0: [num(x0[0], 'fn.x0[0]'), num(x0[1], 'fn.x0[1]')] },
    features: s.features as string[],
    model: {
      hidden: model.hidden.map((l, i) => layer(l, `model.hidden[${i}]`)),
      init: str(model.init, 'model.init'),
      init_seed: int(model.init_seed, 'model.init_seed', 0, 2 ** 32 - 1),
    },
    loss: str(s.loss, 'loss'),
    regularization: { l1: num(reg.l1, 'regularization.l1', 0), l2: num(reg.l2, 'regularization.l2', 0) },
    batch_size: batch,
    steps: int(s.steps, 'steps', 1, 1_000_000),
    ...(s.epochs !== undefined ? { epochs: int(s.epochs, 'epochs', 1, 1_000_000) } : {}),
    ...(stop ? { stop } : {}),
    seed: int(s.seed, 'seed', 0, 2 ** 32 - 1),
    speed: int(s.speed, 'speed', 1, 1000),
    runs: s.runs.map((r, i) => run(r, `runs[${i}]`)),
  };
}
