// Messages between the page and a training worker.
import type { CoreInfo } from './generated/core.js';

export type Request = { type: 'info'; id: number };

export type Reply =
  | { type: 'info'; id: number; info: CoreInfo; dot: number }
  | { type: 'error'; id: number; message: string };
