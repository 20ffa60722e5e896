// Untrusted configuration never runs script: a shared link, an uploaded CSV and a widget's attributes
// carrying HTML or javascript: URLs are shown as text or refused, the page's CSP blocks inline script,
// and a worker that dies fails only its own run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedBrowser, openPlayground, serveDist, dist } from './browser.js';

const env = sharedBrowser();
const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

// Every string in the state becomes the payload (or a javascript: URL), then the link is opened.
function poison(value, replacement) {
  if (typeof value === 'string') return replacement;
  if (Array.isArray(value)) return value.map((v) => poison(v, replacement));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, replacement)]));
  }
  return value;
}

function encode(state) {
  return '#s=' + Buffer.from(JSON.stringify(state)).toString('base64url');
}

async function assertNothingRan(page) {
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
}

test('a link whose strings carry HTML or javascript: URLs executes nothing and says what is wrong', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.waitForFunction(() => location.hash.startsWith('#s='));
  const state = JSON.parse(Buffer.from((await page.evaluate(() => location.hash)).slice(3), 'base64url').toString());
  for (const replacement of [payload, 'javascript:window.__pwned=3']) {
    const bad = await openPlayground(env.browser, env.server, encode(poison(state, replacement)));
    const error = bad.getByTestId('error');
    await error.waitFor();
    assert.match(await error.textContent(), /could not be restored/);
    await bad.getByTestId('play').click();
    await bad.waitForTimeout(500);
    await assertNothingRan(bad);
  }
  // A raw hash that is itself markup.
  const raw = await openPlayground(env.browser, env.server, '#' + encodeURIComponent(payload));
  await raw.getByTestId('error').waitFor();
  await assertNothingRan(raw);
  assert.deepEqual(env.browser.errors.filter((e) => !/Content Security Policy/.test(e)), []);
});

test('CSV cells and column names with markup are shown as text', async () => {
  const page = await openPlayground(env.browser, env.server);
  const csv = `"${payload.replace(/"/g, '""')}",label\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n`;
  await page.getByTestId('csv-input').setInputFiles({ name: 'evil.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByText(payload).first().waitFor();
  await assertNothingRan(page);
});

test('the Content-Security-Policy blocks inline script', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = 4';
    document.body.append(s);
  });
  await page.waitForTimeout(200);
  await assertNothingRan(page);
});

test('widget attributes with markup or javascript: URLs show an error inside the widget only', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'descent-xss-'));
  try {
    await symlink(dist, join(dir, 'dist'));
    const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    await writeFile(
      join(dir, 'index.html'),
      `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="./dist/descent-widget.js"></script></head><body>
<descent-playground id="a" config="javascript:window.__pwned=5"></descent-playground>
<descent-playground id="b" config="${attr(JSON.stringify({ data: { source: payload } }))}"></descent-playground>
<descent-playground id="c" preset="${attr(payload)}" theme="${attr(payload)}"></descent-playground>
</body></html>`,
    );
    const server = await serveDist('/', dir);
    try {
      const page = await env.browser.newPage();
      await page.goto(server.url);
      for (const id of ['a', 'b', 'c']) {
        const error = page.locator(`#${id}`).getByTestId('error').or(page.locator(`#${id}`).locator('[role="alert"]'));
        await error.first().waitFor({ timeout: 15000 });
      }
      await assertNothingRan(page);
    } finally {
      await server.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a worker that throws is shown as that run\'s error, the other run goes on, and reset restarts it', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.getByTestId('add-run').click();
  await page.locator('.legend li').nth(1).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.legend li').length === 2);
  const workers = () => page.workers().filter((w) => /worker/.test(w.url()));
  for (let i = 0; i < 50 && workers().length < 3; i++) await page.waitForTimeout(100);
  // The page's own core worker comes first; the two runs' workers follow. Break the last one.
  const victim = workers().at(-1);
  await victim.evaluate(() => setTimeout(() => {
    throw new Error('simulated crash');
  }));
  await page.locator('.legend li').filter({ hasText: /simulated crash|failed/ }).first().waitFor({ timeout: 10000 });
  await page.getByTestId('play').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-count"]').textContent) > 20);
  await page.getByTestId('pause').click();
  await page.getByTestId('reset').click();
  await page.waitForFunction(() => ![...document.querySelectorAll('.legend li')].some((li) => /simulated crash/.test(li.textContent)));
  await page.getByTestId('play').click();
  await page.waitForFunction(
    () => [...document.querySelectorAll('.legend li')].every((li) => /step [1-9]|done/.test(li.textContent)),
    null,
    { timeout: 20000 },
  );
  await assertNothingRan(page);
});
