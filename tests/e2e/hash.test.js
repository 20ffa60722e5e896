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

// What the speed slider, its label and the link say.
const speedShown = () => ({
  slider: document.querySelector('.speed input').value,
  label: document.querySelector('.speed output').textContent,
  link: JSON.parse(atob(location.hash.slice(3).replace(/-/g, '+').replace(/_/g, '/'))).speed,
});

test('an imported experiment, or a link pasted over the page, brings its speed to the slider', async () => {
  const page = await openPlayground(env.browser, env.server);
  const state = await page.evaluate(() => JSON.parse(atob(location.hash.slice(3).replace(/-/g, '+').replace(/_/g, '/'))));
  const slider = page.getByRole('slider', { name: 'speed: steps per frame' });
  await slider.fill('5'); // 50×
  const file = Buffer.from(JSON.stringify({ playground: { ...state, speed: 2 } }));
  await page.getByTestId('import-json').setInputFiles({ name: 'exp.json', mimeType: 'application/json', buffer: file });
  await page.waitForFunction(`(${speedShown})().link === 2`); // the file has been read
  assert.deepEqual(await page.evaluate(speedShown), { slider: '1', label: '2×', link: 2 }, 'after the import');

  await slider.fill('5');
  const link = `#s=${Buffer.from(JSON.stringify({ ...state, speed: 20 })).toString('base64url')}`;
  // Resolves once the page's own hashchange listener has run.
  await page.evaluate((hash) => new Promise((resolve) => {
    addEventListener('hashchange', () => setTimeout(resolve), { once: true });
    location.hash = hash;
  }), link);
  assert.deepEqual(await page.evaluate(speedShown), { slider: '4', label: '20×', link: 20 }, 'after the link');
  assert.equal(await page.getByTestId('error').isVisible(), false);
  assert.deepEqual(env.browser.errors, []);
});
