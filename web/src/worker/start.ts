// Creates the session for a job.
import type { CoreModule } from '../generated/core.js';
import type { Job } from '../protocol';
import type { Session } from './session';
import { FunctionSession } from './function-session';
import { TrainSession } from './train-session';

export function startSession(core: CoreModule, job: Job): Session {
  return job.kind === 'function' ? new FunctionSession(core, job) : new TrainSession(core, job);
}
