import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, openPlayground, waitForStep, waitForColours } from './browser.js';

const env = sharedBrowser();

test('race three optimizers: three legend entries and three loss curves', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.getByTestId('optimizer').selectOption('sgd');
  await page.getByTestId('add-run').click();
  await page.getByTestId('add-run').click();
  await page.getByTestId('optimizer-1').selectOption('adam');
  await page.getByTestId('optimizer-2').selectOption('rmsprop');
  await page.locator('.legend li').nth(2).waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('.legend .run-status')].every((e) => e.textContent === 'step 0'), null, { timeout: 20000 });
  await page.getByTestId('play').click();
  await waitForStep(page, 200);
  await page.getByTestId('pause').click();
  const names = await page.locator('.legend .run-name').allTextContents();
  assert.equal(names.length, 3);
  assert.match(names[0], /sgd/);
  assert.match(names[1], /adam/);
  assert.match(names[2], /rmsprop/);
  // uPlot's legend lists one "train" series per run, each with a value once hovered data exists.
  const series = await page.getByTestId('chart-loss').locator('.u-legend .u-series .u-label').allTextContents();
  assert.deepEqual(series.filter((s) => s.endsWith('train')), ['1 train', '2 train', '3 train']);
  assert.ok((await waitForColours(page.getByTestId('chart-loss').locator('canvas'), 4)) >= 4, 'three coloured curves on white');
  assert.deepEqual(env.browser.errors, []);
});

test('in a race, the data view draws the run the learner picks', async () => {
  const page = await openPlayground(env.browser, env.server);
  const picker = page.getByTestId('data-view-run');
  await page.locator('.legend .run-status', { hasText: 'step 0' }).waitFor({ timeout: 20000 });
  assert.equal(await picker.isVisible(), false, 'one run: nothing to pick');
  await page.getByTestId('optimizer').selectOption('sgd');
  await page.getByTestId('add-run').click();
  await page.getByTestId('optimizer-1').selectOption('adam');
  await page.locator('.legend .run-name', { hasText: 'adam' }).waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('.legend .run-status')].every((e) => e.textContent === 'step 0'), null, { timeout: 20000 });
  await page.getByTestId('play').click();
  await waitForStep(page, 300);
  await page.getByTestId('pause').click();
  await picker.waitFor({ state: 'visible' });
  assert.deepEqual(await picker.locator('option').allTextContents(), ['Run 1', 'Run 2']);
  const canvas = page.getByTestId('data-view').locator('canvas');
  const picture = () => canvas.evaluate((c) => c.toDataURL());
  await page.waitForTimeout(300);
  const first = await picture();
  await picker.selectOption('1');
  await page.waitForFunction((before) => document.querySelector('[data-testid="data-view"] canvas').toDataURL() !== before, first, { timeout: 5000 });
  await picker.selectOption('0');
  await page.waitForFunction((before) => document.querySelector('[data-testid="data-view"] canvas').toDataURL() === before, first, { timeout: 5000 });
  assert.deepEqual(env.browser.errors, []);
});
