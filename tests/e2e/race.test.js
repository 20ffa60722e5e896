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
