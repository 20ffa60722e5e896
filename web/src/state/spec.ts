// Turns the page's state into what one run trains: an experiment spec (docs/experiment.md) for data
// problems, or a 2-D test-function job. Every run of a race shares everything but optimizer and schedule.
import type { Job } from '../protocol';
import type { PlaygroundState, RunConfig } from './types';

export function experimentSpec(state: PlaygroundState, run: RunConfig): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    data: state.data,
    features: ['linear', ...state.features],
    model: { hidden: state.model.hidden, init: state.model.init, init_seed: state.model.init_seed },
    regularization: run.regularization ?? state.regularization,
    optimizer: run.optimizer,
    schedule: run.schedule,
    batch_size: run.batch_size ?? state.batch_size,
    seed: state.seed,
  };
  if (state.epochs !== undefined) spec.epochs = state.epochs;
  else spec.steps = state.steps;
  if (state.stop && (state.stop.target_loss !== undefined || state.stop.patience !== undefined)) spec.stop = state.stop;
  if (state.loss !== 'auto') spec.loss = state.loss;
  return spec;
}

export function jobFor(state: PlaygroundState, run: RunConfig, csv?: string): Job {
  if (state.problem === 'function') {
    return { kind: 'function', fn: state.fn.name, x0: state.fn.x0, optimizer: run.optimizer, schedule: run.schedule, steps: state.steps };
  }
  return { kind: 'train', spec: experimentSpec(state, run), csv: state.data.source === 'csv' ? csv : undefined };
}
