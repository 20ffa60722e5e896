import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedBrowser, openPlayground, waitForStep, dist } from './browser.js';
import { firstLoadFiles } from '../bench/page.js';

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

// uPlot only draws: it is fetched after start-up, so the first load has room to spare and the first
// step never waits for it. Whatever was recorded before it arrived is drawn once it does.
test('uPlot is not in the first load; training starts without it and the loss chart then shows every step', async () => {
  const scripts = firstLoadFiles(dist).filter((f) => f.endsWith('.js'));
  assert.ok(scripts.length > 0);
  for (const f of scripts) assert.doesNotMatch(readFileSync(join(dist, f), 'utf8'), /\baddSeries\b/, `${f} holds uPlot`);

  const page = await env.browser.newPage();
  const uplot = /\/uPlot[^/]*\.js$/;
  let release;
  const held = new Promise((resolve) => (release = resolve));
  let asked = false;
  await page.route(uplot, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  try {
    await openPlayground(env.browser, env.server);
    await page.getByTestId('play').click();
    await waitForStep(page, 100);
    await page.getByTestId('pause').click();
    assert.equal(asked, true, 'uPlot is asked for at start-up, before any chart needs it');
    const chart = page.getByTestId('chart-loss');
    assert.equal(await chart.locator('canvas').count(), 0, 'no chart before uPlot arrives');
    const steps = Number(await page.getByTestId('step-count').textContent());
    release();
    await chart.scrollIntoViewIfNeeded();
    await chart.locator('canvas').waitFor();
    // The hover legend's step at the plot's left and right edges: the first and the last step recorded.
    const over = chart.locator('.u-over');
    const box = await over.boundingBox();
    const stepAt = async (x) => {
      await page.mouse.move(x, box.y + box.height / 2);
      return Number(await chart.locator('.u-legend .u-series').first().locator('.u-value').textContent());
    };
    assert.ok((await stepAt(box.x + 1)) <= 2, 'the chart starts at the first steps');
    assert.ok((await stepAt(box.x + box.width - 1)) >= steps - 2, 'and reaches the last one');
  } finally {
    release();
    await page.unroute(uplot);
  }
  assert.deepEqual(env.browser.errors, []);
});
