import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedBrowser, openPlayground, waitForStep, dist, trainWithoutUPlot } from './browser.js';
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

// Pixels of the first line's colour (#0072B2, run 1's and layer 1's) on a chart's canvas: an empty
// chart has axes and a grid, but none of these.
function bluePixels(canvas) {
  return canvas.evaluate((c) => {
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 200 && Math.abs(px[i] - 0) < 40 && Math.abs(px[i + 1] - 114) < 40 && Math.abs(px[i + 2] - 178) < 40) n++;
    return n;
  });
}

// While runs play, a chart out of view is not redrawn; it must neither claim there is nothing to draw
// nor show an old picture once it is scrolled to: it is drawn on the frame after it comes into view.
test('a chart scrolled into view while runs play shows their data at once, never the empty note', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.setViewportSize({ width: 1280, height: 700 });
  const chart = page.locator('.charts .chart:visible').last();
  const inView = () => chart.evaluate((el) => el.getBoundingClientRect().top < innerHeight);
  assert.equal(await inView(), false, 'the last chart starts out of view');
  await page.getByTestId('play').click();
  await waitForStep(page, 200);
  assert.equal(await chart.locator('.chart-empty').isVisible(), false, 'out of view, it does not say there is nothing to draw');
  assert.equal(await page.getByTestId('pause').isVisible(), true, 'still playing');
  await chart.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  assert.equal(await chart.locator('.chart-empty').isVisible(), false, 'in view, no empty note');
  assert.ok((await bluePixels(chart.locator('canvas').first())) > 30, 'in view, its first curve is drawn');
  assert.equal(await page.getByTestId('pause').isVisible(), true, 'the runs played all along');
  await page.setViewportSize({ width: 1280, height: 860 });
  assert.deepEqual(env.browser.errors, []);
});

// uPlot only draws: it is fetched after start-up, so the first load has room to spare and the first
// step never waits for it. Whatever was recorded before it arrived is drawn once it does.
test('uPlot is not in the first load; training starts without it and the loss chart then shows every step', async () => {
  const scripts = firstLoadFiles(dist).filter((f) => f.endsWith('.js'));
  assert.ok(scripts.length > 0);
  for (const f of scripts) assert.doesNotMatch(readFileSync(join(dist, f), 'utf8'), /\baddSeries\b/, `${f} holds uPlot`);

  const { page, uplot } = await trainWithoutUPlot(env.browser, env.server);
  try {
    assert.equal(uplot.asked, true, 'uPlot is asked for at start-up, before any chart needs it');
    const chart = page.getByTestId('chart-loss');
    assert.equal(await chart.locator('canvas').count(), 0, 'no chart before uPlot arrives');
    const steps = Number(await page.getByTestId('step-count').textContent());
    uplot.release();
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
    await uplot.stop();
  }
  assert.deepEqual(env.browser.errors, []);
});
