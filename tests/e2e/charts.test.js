import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, openPlayground, waitForStep } from './browser.js';

const env = sharedBrowser();

test('before the first step every chart says why it is empty; once trained, it draws instead', async () => {
  const page = await openPlayground(env.browser, env.server);
  const charts = page.locator('.charts .chart:visible');
  const count = await charts.count();
  assert.ok(count >= 4, `${count} charts`);
  for (let i = 0; i < count; i++) {
    assert.equal(await charts.nth(i).locator('.chart-empty').isVisible(), true, `chart ${i} explains itself`);
    assert.match(await charts.nth(i).locator('.chart-empty').textContent(), /press ▶ Play/);
  }
  await page.getByTestId('play').click();
  await waitForStep(page, 300);
  await page.getByTestId('pause').click();
  await page.getByTestId('chart-loss').scrollIntoViewIfNeeded();
  await page.getByTestId('chart-loss').locator('.chart-empty').waitFor({ state: 'hidden' });
  await page.getByTestId('chart-score').locator('.chart-empty').waitFor({ state: 'hidden' });
  assert.deepEqual(env.browser.errors, []);
});
