import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, openPlayground, waitForStep } from './browser.js';

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

// Records the texts drawn inside the loss chart (its axis labels among them), their colours and
// where they start, as a share of the chart's width.
// Installed once per page, however many tests add it.
function recordChartText() {
  if (window.__lossTexts) return;
  const fill = CanvasRenderingContext2D.prototype.fillText;
  window.__lossTexts = [];
  CanvasRenderingContext2D.prototype.fillText = function (text, x, ...rest) {
    if (this.canvas.closest?.('[data-testid="chart-loss"]')) window.__lossTexts.push({ text: String(text), color: String(this.fillStyle), at: x / this.canvas.width });
    return fill.call(this, text, x, ...rest);
  };
}

// The plane, run 1 SGD at lr 0.01 and run 2 SGD at lr 50, which diverges within a few steps; played
// until run 1 is at step 200 or more, the loss chart in view.
async function raceWithDivergingRun() {
  await env.browser.context.addInitScript(recordChartText);
  const page = await openPlayground(env.browser, env.server);
  await page.getByTestId('dataset').selectOption('plane');
  await page.getByTestId('optimizer').selectOption('sgd');
  await page.getByTestId('add-run').click();
  await page.getByTestId('optimizer-1').selectOption('sgd');
  const lr = page.locator('.run-card').nth(1).getByLabel('lr', { exact: true });
  await lr.fill('50');
  await lr.press('Tab');
  await page.locator('.legend .run-name', { hasText: 'lr 50' }).waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('.legend .run-status')].every((e) => e.textContent === 'step 0'), null, { timeout: 20000 });
  await page.getByTestId('chart-loss').scrollIntoViewIfNeeded();
  await page.getByTestId('play').click();
  await page.locator('.legend .run-status', { hasText: /^diverged at step \d+$/ }).waitFor({ timeout: 20000 });
  await waitForStep(page, 200);
  await page.evaluate(() => (window.__lossTexts = []));
  await page.waitForFunction(() => window.__lossTexts.some((t) => t.text === 'step'), null, { timeout: 10000 }); // one more redraw
  await page.waitForTimeout(300);
  return page;
}

test('next to a run whose loss reaches 1e40, the loss chart keeps a labelled y axis', async () => {
  const page = await raceWithDivergingRun();
  const labels = await page.evaluate(() => window.__lossTexts.map((t) => t.text).filter((t) => /^\d+(\.\d+)?(e-?\d+)?$/.test(t)));
  // Steps label the x axis (whole numbers from 250 up): numbers below 1 or written with an exponent are the y axis's.
  const yLabels = labels.filter((t) => /e/.test(t) || Number(t) < 1);
  assert.ok(yLabels.length >= 2, `y-axis labels among ${JSON.stringify(labels)}`);
  assert.deepEqual(env.browser.errors, []);
});

test('a run that diverged a few steps into a long axis is marked on the loss chart, at its step and in its colour', async () => {
  const page = await raceWithDivergingRun();
  const status = await page.locator('.legend li').nth(1).locator('.run-status').textContent();
  const step = status.match(/^diverged at step (\d+)$/)[1];
  const drawn = await page.evaluate(() => window.__lossTexts.filter((t) => / diverged /.test(t.text)));
  assert.ok(drawn.length > 0, 'a divergence marker is drawn');
  assert.deepEqual([...new Set(drawn.map((t) => `${t.text} in ${t.color}`))], [`run 2 diverged at step ${step} in #d55e00`], 'one marker, run 2’s, in its orange');
  // A step near the start of 200 or more: the label starts just right of the y axis.
  assert.ok(drawn.every((t) => t.at < 0.25), `the label starts at ${drawn[0].at} of the chart's width`);
  assert.deepEqual(env.browser.errors, []);
});
