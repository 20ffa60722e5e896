// Creates the session for a job.
import type { CoreModule } from '../generated/core.js';
import type { Job } from '../protocol';
import type { Session } from './session';
import { need } from './bindings';

export function startSession(core: CoreModule, job: Job): Session {
  need(core, job.kind === 'function' ? ['Race2D'] : ['Trainer'], job.kind === 'function' ? 'test functions' : 'training');
  throw new Error('not wired yet');
}
