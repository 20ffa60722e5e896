import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, openPlayground, waitForStep } from './browser.js';

const env = sharedBrowser();

test('a ragged CSV shows a specific error in place and the page stays usable', async () => {
  const page = await openPlayground(env.browser, env.server);
  const bad = 'a,b,c\n1,2,3\n4,5\n7,8,9\n';
  await page.getByTestId('csv-input').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  const error = page.getByTestId('error');
  await error.waitFor({ state: 'visible', timeout: 20000 });
  const message = await error.textContent();
  assert.match(message, /^bad\.csv: row 3 has 2 fields, expected 3/, `the message names the file and the row: ${message}`);
  // Back to a built-in set: the error clears and training works.
  await page.getByTestId('dataset').selectOption('xor');
  await error.waitFor({ state: 'hidden', timeout: 20000 });
  await page.locator('.legend .run-status', { hasText: 'step 0' }).waitFor({ timeout: 20000 });
  await page.getByTestId('play').click();
  await waitForStep(page, 50);
  assert.deepEqual(env.browser.errors, []);
});

test('a CSV refused while a race is paused at step N loses nothing: the runs stay at step N with their curves', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.getByTestId('add-run').click();
  await page.waitForFunction(() => [...document.querySelectorAll('.legend .run-status')].map((e) => e.textContent).join() === 'step 0,step 0', null, { timeout: 20000 });
  const chart = page.getByTestId('chart-loss').locator('canvas');
  await chart.scrollIntoViewIfNeeded();
  await page.getByTestId('play').click();
  await waitForStep(page, 150);
  await page.getByTestId('pause').click();
  await page.waitForTimeout(500); // the last metrics and the charts' redraw have arrived
  const seen = () => page.evaluate(() => ({
    step: document.querySelector('[data-testid="step-count"]').textContent,
    legend: [...document.querySelectorAll('.legend li')].map((li) => li.textContent),
    chart: document.querySelector('[data-testid="chart-loss"] canvas').toDataURL(),
  }));
  const before = await seen();
  assert.ok(Number(before.step) >= 150, `paused at step ${before.step}`);
  await page.getByTestId('csv-input').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,c\n1,2,3\n4,5\n') });
  const error = page.getByTestId('error');
  await error.filter({ hasText: 'previous data is kept' }).waitFor({ timeout: 20000 });
  assert.match(await error.textContent(), /^bad\.csv: row 3 has 2 fields, expected 3/);
  await page.waitForTimeout(1000); // a restart, had one begun, would show by now
  const after = await seen();
  assert.equal(after.step, before.step, 'the step counter');
  assert.deepEqual(after.legend, before.legend, 'each run’s step and metrics');
  assert.ok(after.chart === before.chart, 'the loss chart is drawn as before');
  assert.equal(await page.getByTestId('dataset').inputValue(), 'circle');
  // And the race goes on from there.
  await page.getByTestId('play').click();
  await waitForStep(page, Number(before.step) + 50);
  assert.deepEqual(env.browser.errors, []);
});

test('a speed chosen before a refused CSV stays, on screen and in the link, and comes back on reload', async () => {
  const page = await openPlayground(env.browser, env.server);
  const speed = page.getByRole('slider', { name: 'speed: steps per frame' });
  const shown = () => page.locator('.speed output').textContent();
  const saved = () => page.evaluate(() => JSON.parse(atob(location.hash.slice(3).replace(/-/g, '+').replace(/_/g, '/'))).speed);
  await speed.fill('5'); // the sixth of 1, 2, 5, 10, 20, 50, 100 steps per frame
  assert.equal(await shown(), '50×');
  assert.equal(await saved(), 50);
  await page.getByTestId('csv-input').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,c\n1,2,3\n4,5\n') });
  await page.getByTestId('error').filter({ hasText: 'previous data is kept' }).waitFor({ timeout: 20000 });
  assert.equal(await shown(), '50×', 'the speed on screen');
  assert.equal(await saved(), 50, 'the speed in the link');
  await page.reload();
  await page.locator('.descent[data-ready="true"]').waitFor({ timeout: 20000 });
  assert.equal(await shown(), '50×', 'the speed after a reload');
  assert.deepEqual(env.browser.errors, []);
});
