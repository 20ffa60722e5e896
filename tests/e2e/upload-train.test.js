import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, openPlayground, readNumber, waitForStep, canvasColours, waitForColours } from './browser.js';

const env = sharedBrowser();

// Two noisy blobs, the label in the last column as text: a spreadsheet a learner might have.
function blobsCsv() {
  let seed = 7;
  const r = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  const rows = ['height,width,kind'];
  for (let i = 0; i < 120; i++) {
    const big = i % 2 === 0;
    rows.push(`${((big ? 3 : 1) + r()).toFixed(3)},${((big ? 2.5 : 0.5) + r()).toFixed(3)},${big ? 'large' : 'small'}`);
  }
  return rows.join('\n') + '\n';
}

test('upload a CSV, see its preview, train: steps grow and the train loss falls', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.getByTestId('csv-input').setInputFiles({ name: 'blobs.csv', mimeType: 'text/csv', buffer: Buffer.from(blobsCsv()) });
  await page.locator('table.preview th', { hasText: 'kind' }).waitFor();
  assert.equal(await page.getByTestId('dataset').inputValue(), 'csv');
  // The ingest summary names the classes found once the run on the CSV is set up.
  await page.locator('.notes li', { hasText: '2 classes: large, small' }).waitFor({ timeout: 20000 });
  await page.getByTestId('play').click();
  await waitForStep(page, 20);
  await page.waitForFunction(() => !Number.isNaN(parseFloat(document.querySelector('[data-testid="train-loss"]').textContent)));
  const early = await readNumber(page, 'train-loss');
  const earlyStep = await readNumber(page, 'step-count');
  await waitForStep(page, earlyStep + 300);
  await page.getByTestId('pause').click();
  const late = await readNumber(page, 'train-loss');
  assert.ok(late < early, `train loss should fall: ${early} → ${late}`);
  assert.ok((await readNumber(page, 'test-accuracy')) > 80, 'two separated blobs are easy to classify');
  assert.ok((await canvasColours(page.getByTestId('data-view').locator('canvas'))) > 5, 'the data view is drawn');
  assert.ok((await waitForColours(page.getByTestId('chart-loss').locator('canvas'), 3)) > 2, 'the loss chart is drawn');
  assert.deepEqual(env.browser.errors, []);
});

test('a CSV with a numeric target says "Task: regression" everywhere, as the engine found', async () => {
  const page = await openPlayground(env.browser, env.server);
  const rows = ['rooms,area,price'];
  for (let i = 0; i < 60; i++) rows.push(`${1 + (i % 5)},${30 + i * 1.7},${(100 + i * 5.3 + (i % 7)).toFixed(1)}`);
  await page.getByTestId('csv-input').setInputFiles({ name: 'flats.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await page.locator('.notes li', { hasText: 'task: regression' }).waitFor({ timeout: 20000 });
  assert.equal(await page.getByTestId('task').textContent(), 'Task: regression');
  assert.match(await page.locator('select', { has: page.locator('option[value="regression"]') }).first().locator('option').first().textContent(), /regression/);
  assert.deepEqual(env.browser.errors, []);
});
