import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, openBrowser, openPlayground, canvasColours } from './browser.js';

let browser;
let server;
before(async () => {
  browser = await openBrowser();
  server = await serveDist('/');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the tutorial preset loads and runs its 1000 steps of gradient descent', async () => {
  const page = await openPlayground(browser, server);
  await page.locator('.presets > summary').click();
  await page.getByTestId('preset-tutorial').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="dataset"]').value === 'five_points');
  assert.equal(await page.getByTestId('optimizer').inputValue(), 'sgd');
  await page.locator('.legend .run-status', { hasText: 'step 0' }).waitFor({ timeout: 20000 });
  await page.getByTestId('play').click();
  await page.locator('.legend .run-status', { hasText: 'done after 1000 steps' }).waitFor({ timeout: 60000 });
  assert.equal(await page.getByTestId('step-count').textContent(), '1000');
  assert.ok((await canvasColours(page.getByTestId('landscape').locator('canvas'))) > 5, 'θ0/θ1 landscape with the path');
  assert.deepEqual(browser.errors, []);
});

test('a test-function preset races on the landscape', async () => {
  const page = await openPlayground(browser, server);
  await page.locator('.presets > summary').click();
  await page.getByTestId('preset-momentum-ravine').click();
  await page.locator('.legend li').nth(1).waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('.legend .run-status')].every((e) => e.textContent === 'step 0'), null, { timeout: 20000 });
  await page.getByTestId('play').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-count"]').textContent) >= 50);
  assert.ok((await canvasColours(page.getByTestId('landscape').locator('canvas'))) > 8);
  assert.deepEqual(browser.errors, []);
});
