// "Embed" in the playground's share panel: both snippets for the current state, and both work when
// pasted into another page — the script + element, and the iframe of embed.html (state in the hash).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, openBrowser, openPlayground } from './browser.js';

let browser;
let server;
before(async () => {
  browser = await openBrowser();
  server = await serveDist('/app/');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function embedCode(page) {
  await page.getByText('Embed', { exact: true }).click();
  const code = page.getByTestId('embed-code');
  await code.waitFor();
  // The snippets are filled in once the menu has the current state; an empty box is not the answer.
  await page.waitForFunction(() => document.querySelector('[data-testid="embed-code"]')?.value.includes('<iframe'));
  return code.inputValue();
}

test('the share panel gives both embed snippets for the current state, and copies them', async () => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await openPlayground(browser, server);
  await page.getByTestId('optimizer').selectOption('rmsprop');
  const code = await embedCode(page);
  assert.ok(code.includes(`<script type="module" src="${server.url}descent-widget.js"></script>`), code);
  const config = /<descent-playground config='([^']*)' controls="views,charts"><\/descent-playground>/.exec(code);
  assert.ok(config, code);
  assert.equal(JSON.parse(config[1].replace(/&#39;/g, "'").replace(/&amp;/g, '&')).runs[0].optimizer.name, 'rmsprop');
  const hash = new URL(page.url()).hash;
  assert.ok(code.includes(`<iframe src="${server.url}embed.html?controls=views,charts${hash}"`), code);
  await page.getByTestId('copy-embed').click();
  await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t.includes('<iframe')));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  assert.deepEqual(browser.errors, []);
});

test('both snippets run the shared experiment when pasted into another page', async () => {
  const page = await openPlayground(browser, server);
  await page.getByTestId('optimizer').selectOption('rmsprop');
  const code = await embedCode(page);
  const lesson = `${server.url}someone-elses-lesson.html`;
  await page.route(lesson, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>lesson</title></head><body>${code}</body></html>` }));
  await page.goto(lesson);
  const widget = page.locator('descent-playground');
  await widget.getByTestId('play').click({ timeout: 20000 });
  await page.waitForFunction(() => Number(document.querySelector('descent-playground').shadowRoot.querySelector('[data-testid="step-count"]').textContent) >= 1, null, { timeout: 20000 });
  assert.match(await widget.locator('.legend').textContent(), /rmsprop/);
  const frame = page.frameLocator('iframe');
  await frame.getByTestId('play').click({ timeout: 20000 });
  await frame.getByTestId('step-count').filter({ hasNotText: /^0$/ }).waitFor({ timeout: 20000 });
  assert.match(await frame.locator('.legend').textContent(), /rmsprop/);
  await page.unroute(lesson);
  assert.deepEqual(browser.errors, []);
});

test('embed.html fills the frame with the state of its hash, and reports a broken link', async () => {
  const page = await openPlayground(browser, server);
  await page.getByText('Lessons').click();
  await page.getByTestId('preset-momentum-ravine').click();
  await page.waitForFunction(() => location.hash.length > 10);
  const hash = new URL(page.url()).hash;
  await page.goto(`${server.url}embed.html?autoplay${hash}`);
  await page.waitForFunction(() => Number(document.querySelector('descent-playground').shadowRoot.querySelector('[data-testid="step-count"]')?.textContent) >= 1, null, { timeout: 20000 });
  assert.match(await page.locator('descent-playground .legend').textContent(), /momentum/);
  const box = await page.locator('descent-playground').boundingBox();
  const viewport = page.viewportSize();
  assert.deepEqual([box.x, box.y, box.width, box.height], [0, 0, viewport.width, viewport.height]);

  await page.goto(`${server.url}embed.html#s=not-a-state`);
  await page.reload();
  const error = page.getByTestId('error');
  await error.waitFor();
  assert.match(await error.textContent(), /link is broken/);
  assert.deepEqual(browser.errors, []);
});
