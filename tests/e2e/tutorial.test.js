// The tutorial page: linked from the playground, formulas rendered by the bundled KaTeX, and every
// lesson widget starting only once it is scrolled into view, then training.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { serveDist, openBrowser, openPlayground } from './browser.js';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser;
let server;
before(async () => {
  browser = await openBrowser();
  server = await serveDist('/descent/');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// The step counter inside the i-th widget's shadow root; -1 while the widget has not mounted.
function widgetStep(page, i) {
  return page.evaluate((i) => {
    const out = document.querySelectorAll('descent-playground')[i].shadowRoot.querySelector('[data-testid="step-count"]');
    return out ? Number(out.textContent) : -1;
  }, i);
}

test('the playground links to the tutorial', async () => {
  const page = await openPlayground(browser, server);
  await page.getByRole('link', { name: /tutorial/i }).click();
  await page.waitForURL(/tutorial\.html$/);
  assert.match(await page.title(), /Gradient descent/);
  assert.deepEqual(browser.errors, []);
});

test('the tutorial renders its formulas and every widget trains once scrolled into view', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'tutorial.html');
  await page.locator('.katex').first().waitFor();
  const formulas = await page.locator('.formulas .katex-display').count();
  assert.ok(formulas >= 10, `expected the lesson's display formulas rendered, got ${formulas}`);
  assert.equal(await page.locator('.katex-error').count(), 0);
  // The θ the lesson states is golden case linreg_tutorial_gd's final_params (W 2.18600, b −0.94945).
  const theta = await page.getByTestId('tutorial-theta').textContent();
  assert.match(theta, /−0\.949|-0\.949/);
  assert.match(theta, /2\.186/);

  const widgets = page.locator('descent-playground');
  const n = await widgets.count();
  assert.equal(n, 7);
  // Far below the fold, the last widget has not started: no playground, no worker yet.
  assert.equal(await widgetStep(page, n - 1), -1);
  assert.match(await widgets.nth(n - 1).locator('.placeholder').textContent(), /scrolls into view/);

  for (let i = 0; i < n; i++) {
    await widgets.nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction((i) => {
      const out = document.querySelectorAll('descent-playground')[i].shadowRoot.querySelector('[data-testid="step-count"]');
      return out && Number(out.textContent) >= 1;
    }, i, { timeout: 30000 });
    assert.equal(await widgets.nth(i).getByTestId('error').isVisible(), false, `widget ${i} shows an error`);
  }
  assert.deepEqual(browser.errors, []);
});

test('a tutorial widget scrolled out of view pauses and resumes when seen again', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'tutorial.html');
  // The ravine race runs 100 steps at 2 per frame; the adaptive one 2000 — long enough to watch.
  const widgets = page.locator('descent-playground');
  const i = 4;
  await widgets.nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction((i) => Number(document.querySelectorAll('descent-playground')[i].shadowRoot.querySelector('[data-testid="step-count"]')?.textContent) >= 5, i, { timeout: 30000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
  const hidden = await widgetStep(page, i);
  await page.waitForTimeout(800);
  assert.equal(await widgetStep(page, i), hidden, 'the widget kept training while out of view');
  assert.ok(hidden < 2000, 'the run finished before it could be paused');
  await widgets.nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction(([i, s]) => Number(document.querySelectorAll('descent-playground')[i].shadowRoot.querySelector('[data-testid="step-count"]')?.textContent) > s, [i, hidden], { timeout: 15000 });
  assert.deepEqual(browser.errors, []);
});

test('axe-core finds no serious or critical violations on the tutorial, widgets included', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'tutorial.html');
  await page.locator('descent-playground').first().locator('.descent[data-ready="true"]').waitFor({ timeout: 20000 });
  await page.evaluate(axeSource); // evaluated by the driver, so the page's CSP does not apply
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), []);
  assert.deepEqual(browser.errors, []);
});
