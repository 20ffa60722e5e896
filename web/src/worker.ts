// Training runs here, never on the page's main thread. The worker owns one WebAssembly instance.
import createCore, { type CoreModule } from './generated/core.js';
import type { Request, Reply } from './protocol';

let core: Promise<CoreModule> | null = null;

function post(reply: Reply): void {
  (self as unknown as Worker).postMessage(reply);
}

self.onmessage = async (event: MessageEvent<Request>) => {
  const request = event.data;
  try {
    core ??= createCore();
    const c = await core;
    if (request.type === 'info') {
      // A SIMD dot product proves the module's v128 code actually runs here.
      const a = Float32Array.from({ length: 1000 }, (_, i) => i % 7);
      const b = Float32Array.from({ length: 1000 }, (_, i) => i % 5);
      post({ type: 'info', id: request.id, info: c.info(), dot: c.simdDot(a, b) });
    }
  } catch (error) {
    post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
};
