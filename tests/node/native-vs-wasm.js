// Trains one experiment with the native CLI and with the WebAssembly module, for the tests that
// compare the two bit for bit. `cli` is undefined when there is no native build (the tests skip).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const cli = [process.env.DESCENT_CLI, join(root, 'build/descent')].find((p) => p && existsSync(p));

// Every step's record from `descent train` and, from core.Trainer, the losses and gradient norms of
// the same number of steps.
export function trainBoth(core, spec, steps) {
  const dir = mkdtempSync(join(tmpdir(), 'descent-native-wasm-'));
  try {
    const specPath = join(dir, 'spec.json');
    writeFileSync(specPath, JSON.stringify(spec));
    const lines = execFileSync(cli, ['train', specPath], { maxBuffer: 1 << 26 }).toString().trim().split('\n');
    const native = lines.map((l) => JSON.parse(l)).filter((r) => r.type === 'step');
    const t = new core.Trainer(JSON.stringify(spec), '');
    t.step(steps);
    const wasm = { losses: t.chunkLosses().slice(), gradNorms: t.chunkGradNorms().slice() };
    t.delete();
    return { native, wasm };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
