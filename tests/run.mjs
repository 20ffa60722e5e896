// Runs every test suite (native ctest, web unit tests, WebAssembly-in-Node tests, end-to-end tests in
// Chromium), streams their output, and ends with one line totalled over all of them:
//   N passed, M failed
// A suite that crashes without reporting counts as one failure, so a broken runner can never pass.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scratch = mkdtempSync(join(tmpdir(), 'descent-test-'));
const vitestJson = join(scratch, 'vitest.json');

const suites = [
  {
    name: 'native (ctest)',
    cmd: ['ctest', '--test-dir', 'build', '--output-on-failure', '-j2'],
    parse: parseCtest,
  },
  {
    name: 'native under AddressSanitizer + UBSan (ctest)',
    cmd: ['ctest', '--test-dir', 'build-asan', '--output-on-failure', '-j2'],
    parse: parseCtest,
  },
  {
    name: 'web unit (vitest)',
    cmd: ['npx', 'vitest', 'run', '--config', 'tests/web/vitest.config.ts', '--reporter=default', '--reporter=json',
      `--outputFile.json=${vitestJson}`],
    parse: () => {
      const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
      return { passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0) };
    },
  },
  {
    // Each libFuzzer target (tests/fuzz) for 60 s from its seed corpus; each target counts as one test.
    name: 'fuzz (libFuzzer + ASan + UBSan, 60 s per target)',
    cmd: ['tests/fuzz/run.sh', '60', 'build-fuzz'],
    parse: parseFuzz,
  },
  { name: 'WebAssembly in Node (node:test)', cmd: ['node', '--test', 'tests/node/'], parse: parseNodeTest },
  {
    name: 'end-to-end in Chromium (node:test + playwright-core)',
    cmd: ['node', '--test', '--test-concurrency=1', 'tests/e2e/'],
    parse: parseNodeTest,
  },
];

function parseCtest(out) {
  const m = out.match(/(\d+)% tests passed, (\d+) tests failed out of (\d+)/);
  return m && { passed: Number(m[3]) - Number(m[2]), failed: Number(m[2]) };
}

function parseFuzz(out) {
  const passed = (out.match(/^fuzz \w+: ok/gm) ?? []).length;
  const failed = (out.match(/^fuzz \w+: FAILED/gm) ?? []).length;
  return passed + failed > 0 && { passed, failed };
}

function parseNodeTest(out) {
  const pass = out.match(/^# pass (\d+)$/m);
  const fail = out.match(/^# fail (\d+)$/m);
  const cancelled = out.match(/^# cancelled (\d+)$/m);
  return pass && fail && { passed: Number(pass[1]), failed: Number(fail[1]) + Number(cancelled?.[1] ?? 0) };
}

function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code, out }));
    child.on('error', (err) => resolve({ code: -1, out: String(err) }));
  });
}

const results = [];
for (const suite of suites) {
  console.log(`\n=== ${suite.name}: ${suite.cmd.join(' ')}\n`);
  const { code, out } = await run(suite.cmd);
  let counts = null;
  try {
    counts = suite.parse(out);
  } catch {
    counts = null;
  }
  if (!counts) counts = { passed: 0, failed: 1, note: `runner exited ${code} without a result` };
  else if (code !== 0 && counts.failed === 0) counts = { ...counts, failed: 1, note: `runner exited ${code}` };
  results.push({ name: suite.name, ...counts });
}
rmSync(scratch, { recursive: true, force: true });

console.log('\n=== summary');
for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`);
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
