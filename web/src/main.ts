import './style.css';
import type { Reply } from './protocol';

const status = document.querySelector<HTMLElement>('[data-testid="core-status"]')!;
const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });

worker.onmessage = (event: MessageEvent<Reply>) => {
  const reply = event.data;
  if (reply.type === 'info') {
    status.textContent =
      `descent ${reply.info.version} ready in a Web Worker — WebAssembly SIMD ${reply.info.simd ? 'on' : 'off'}, ` +
      `check sum ${reply.dot}`;
    status.dataset.dot = String(reply.dot);
    status.dataset.simd = String(reply.info.simd);
  } else {
    status.textContent = `The core failed to start: ${reply.message}`;
    status.classList.add('error');
  }
};
worker.onerror = (event) => {
  status.textContent = `The worker failed: ${event.message}`;
  status.classList.add('error');
};
worker.postMessage({ type: 'info', id: 1 });
