import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, openPlayground } from './browser.js';

const env = sharedBrowser();

test('a learning rate far too big: the readouts say "diverged", not just show huge numbers', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.getByTestId('dataset').selectOption('plane');
  await page.locator('.legend .run-status', { hasText: 'step 0' }).waitFor({ timeout: 20000 });
  await page.getByTestId('optimizer').selectOption('sgd');
  const lr = page.locator('.run-card').first().getByLabel('lr', { exact: true });
  await lr.fill('50');
  await lr.press('Tab');
  await page.locator('.legend .run-name', { hasText: 'lr 50' }).waitFor();
  await page.locator('.legend .run-status', { hasText: 'step 0' }).waitFor({ timeout: 20000 });
  const diverged = page.getByTestId('diverged');
  assert.equal(await diverged.isVisible(), false, 'nothing to report before training');
  await page.getByTestId('play').click();
  await page.locator('.legend .run-status', { hasText: /^diverged at step \d+$/ }).waitFor({ timeout: 20000 });
  await diverged.waitFor({ state: 'visible' });
  assert.equal(await diverged.textContent(), 'run 1diverged');
  await page.getByTestId('play').waitFor({ state: 'visible' }); // the race is over
  assert.deepEqual(env.browser.errors, []);
});

test('the "learning rate too big" lesson: the run whose loss explodes is marked diverging before it overflows', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.locator('.presets > summary').click();
  await page.locator('.preset', { hasText: 'Learning rate too small / too big' }).click();
  const third = page.locator('.legend li').nth(2);
  await third.locator('.run-status', { hasText: 'step 0' }).waitFor({ timeout: 20000 });
  assert.equal(await page.getByTestId('landscape').getByText('Click to start from another point').isVisible(), false, 'θ0/θ1 of a data set have no start to click');
  await page.getByTestId('play').click();
  await third.locator('.run-status', { hasText: /^step \d+ — diverging: the loss is \S+ times its start$/ }).waitFor({ timeout: 20000 });
  assert.equal(await third.getAttribute('class'), 'bad');
  assert.match(await page.locator('.legend li').nth(1).locator('.run-status').textContent(), /^(step|done after) \d+( steps)?$/, 'the good run is not marked');
  assert.deepEqual(env.browser.errors, []);
});
