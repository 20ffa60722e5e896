// Reads an imported file: the page's own export ({playground: state}), a bare state, or an experiment
// spec as the CLI reads it (docs/experiment.md), which becomes a one-run state.
import { StateError, validateState } from './validate';
import { defaultState, type PlaygroundState } from './types';

type Json = Record<string, unknown>;

function fromSpec(spec: Json): PlaygroundState {
  const s = defaultState();
  const model = (spec.model ?? {}) as Json;
  if (model.weights !== undefined) throw new StateError('model.weights: explicit initial weights cannot be imported into the page');
  s.data = spec.data as PlaygroundState['data'];
  s.features = Array.isArray(spec.features) ? (spec.features as string[]).filter((f) => f !== 'linear') : [];
  s.model = {
    hidden: (model.hidden as PlaygroundState['model']['hidden']) ?? s.model.hidden,
    init: typeof model.init === 'string' ? model.init : s.model.init,
    init_seed: typeof model.init_seed === 'number' ? model.init_seed : 0,
  };
  s.loss = typeof spec.loss === 'string' ? spec.loss : 'auto';
  const reg = (spec.regularization ?? {}) as Json;
  s.regularization = { l1: Number(reg.l1 ?? 0), l2: Number(reg.l2 ?? 0) };
  if (spec.batch_size !== undefined) s.batch_size = spec.batch_size as PlaygroundState['batch_size'];
  if (typeof spec.epochs === 'number') s.epochs = spec.epochs;
  if (typeof spec.steps === 'number') s.steps = spec.steps;
  if (typeof spec.seed === 'number') s.seed = spec.seed;
  if (spec.stop && typeof spec.stop === 'object') {
    const stop = spec.stop as Json;
    s.stop = {};
    if (typeof stop.target_loss === 'number') s.stop.target_loss = stop.target_loss;
    if (typeof stop.patience === 'number') s.stop.patience = stop.patience;
  }
  s.runs = [{ optimizer: (spec.optimizer as PlaygroundState['runs'][0]['optimizer']) ?? { name: 'adam' }, schedule: (spec.schedule as PlaygroundState['runs'][0]['schedule']) ?? null }];
  return s;
}

export function importState(text: string): PlaygroundState {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new StateError('the file is not valid JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new StateError('expected a JSON object');
  const o = doc as Json;
  if (o.playground !== undefined) return validateState(o.playground);
  if (o.runs !== undefined) return validateState(o);
  if (o.data !== undefined) return validateState(fromSpec(o));
  throw new StateError('expected an exported playground ({"playground": …}) or an experiment spec with "data"');
}
