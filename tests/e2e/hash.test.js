import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, openPlayground } from './browser.js';

const env = sharedBrowser();

test('the URL hash carries the whole state and restores it', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.getByTestId('dataset').selectOption('spiral');
  await page.getByTestId('optimizer').selectOption('rmsprop');
  await page.getByTestId('add-run').click();
  await page.locator('.legend li').nth(1).waitFor();
  await page.waitForFunction(() => location.hash.length > 10);
  const hash = await page.evaluate(() => location.hash);
  const again = await openPlayground(env.browser, env.server, hash);
  assert.equal(await again.getByTestId('dataset').inputValue(), 'spiral');
  assert.equal(await again.getByTestId('optimizer').inputValue(), 'rmsprop');
  assert.equal(await again.locator('.legend li').count(), 2);
  assert.equal(await again.evaluate(() => location.hash), hash);
  assert.equal(await again.getByTestId('error').isVisible(), false);
  assert.deepEqual(env.browser.errors, []);
});

test('a broken hash shows a clear error and keeps the defaults', async () => {
  const page = await openPlayground(env.browser, env.server, '#s=eyJub3QiOiJzdGF0ZSJ9');
  const error = page.getByTestId('error');
  assert.equal(await error.isVisible(), true);
  assert.match(await error.textContent(), /could not be restored.*problem: expected 'data' or 'function'/);
  assert.equal(await page.getByTestId('dataset').inputValue(), 'circle');
  assert.deepEqual(env.browser.errors, []);
});
