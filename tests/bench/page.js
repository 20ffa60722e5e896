// Page performance, measured in Chromium on the production build: time from navigation to the first
// training step, JS + wasm transferred on first load (gzipped), and main-thread long tasks while four
// runs race on a W1-sized problem.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { serveDist } from '../e2e/browser.js';

// What the playground must fetch before it can train: index.html's scripts, module preloads and
// stylesheets, then every file those scripts import statically or start by URL (the worker and the
// .wasm, `new URL('…', import.meta.url)`). Dynamic import() chunks (KaTeX) are fetched later, on use.
export function firstLoadFiles(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const todo = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\.\/([^"]+)"[^>]*>/g)]
    .filter((m) => /<script|rel="(?:modulepreload|stylesheet)"/.test(m[0]))
    .map((m) => m[1]);
  const seen = new Set();
  while (todo.length) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const dir = dirname(file);
    const text = readFileSync(join(dist, file), 'utf8');
    const refs = [
      ...text.matchAll(/(?:\bfrom|\bimport)\s*["'`]\.\/([\w.-]+)["'`]/g),
      ...text.matchAll(/new URL\(\s*["'`]([\w.-]+)["'`]\s*,\s*import\.meta\.url/g),
    ];
    for (const [, ref] of refs) todo.push(join(dir, ref));
  }
  return [...seen];
}

export async function pagePerformance(browser, dist) {
  const rows = [];
  let gz = 0;
  for (const f of firstLoadFiles(dist)) gz += gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  rows.push({ engine: 'descent-page', env: 'page', workload: 'first-load JS+CSS+wasm (gzip)', median: gz, min: gz, max: gz, unit: 'bytes' });

  const server = await serveDist('/');
  try {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const t0 = Date.now();
    await page.goto(server.url);
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-count"]')?.textContent) > 0, null, { timeout: 30000 });
    const first = Date.now() - t0;
    rows.push({ engine: 'descent-page', env: 'page', workload: 'navigation to first training step', median: first, min: first, max: first, unit: 'ms' });
    await page.getByTestId('pause').click().catch(() => {});
    await page.getByTestId('reset').click();
    for (let i = 0; i < 3; i++) await page.getByTestId('add-run').click();
    await page.evaluate(() => (window.__longTasks = []));
    await page.getByTestId('play').click();
    await page.waitForTimeout(5000);
    const tasks = await page.evaluate(() => window.__longTasks);
    const worst = tasks.length ? Math.max(...tasks) : 0;
    rows.push({ engine: 'descent-page', env: 'page', workload: 'longest main-thread task, 4 runs racing 5 s', median: worst, min: worst, max: worst, unit: 'ms' });
    await page.close();
  } finally {
    await server.close();
  }
  return rows;
}
