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
