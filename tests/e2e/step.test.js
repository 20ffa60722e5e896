import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, openPlayground } from './browser.js';

const env = sharedBrowser();

test('Step after the run has finished starts it over and takes one step, like Play does', async () => {
  const page = await openPlayground(env.browser, env.server);
  const length = page.getByLabel('training length');
  await length.fill('30');
  await length.press('Tab');
  await page.locator('.legend .run-status', { hasText: 'step 0' }).waitFor({ timeout: 20000 });
  await page.getByTestId('play').click();
  await page.locator('.legend .run-status', { hasText: 'done after 30 steps' }).waitFor({ timeout: 20000 });
  assert.equal(await page.getByTestId('step-count').textContent(), '30');
  assert.match(await page.getByTestId('step').getAttribute('title'), /start over/, 'the tooltip says what Step now does');
  await page.getByTestId('step').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="step-count"]').textContent === '1', null, { timeout: 20000 });
  await page.locator('.legend .run-status', { hasText: /^step 1$/ }).waitFor();
  assert.equal(await page.getByTestId('step').getAttribute('title'), 'one step (→)');
  // → on the keyboard does the same once the run is over again.
  await page.getByTestId('play').click();
  await page.locator('.legend .run-status', { hasText: 'done after 30 steps' }).waitFor({ timeout: 20000 });
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid="step-count"]').textContent === '1', null, { timeout: 20000 });
  assert.deepEqual(env.browser.errors, []);
});
