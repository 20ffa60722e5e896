// The tutorial page: linked from the playground, formulas rendered by the bundled KaTeX, and every
// lesson widget starting only once it is scrolled into view, then training.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { serveDist, openBrowser, openPlayground } from './browser.js';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const golden = JSON.parse(await readFile(new URL('../data/golden/training.json', import.meta.url), 'utf8'));
const tutorialCase = golden.cases.find((c) => c.name === 'linreg_tutorial_gd');
const [goldenW, goldenB] = [tutorialCase.final_params[0].W[0][0], tutorialCase.final_params[0].b[0]];

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
  // The θ the lesson states is golden case linreg_tutorial_gd's final_params (θ0 = b, θ1 = W).
  const theta = (await page.getByTestId('tutorial-theta').textContent()).replace(/−/g, '-');
  const [t0, t1] = [...theta.matchAll(/-?\d+\.\d+/g)].map((m) => Number(m[0]));
  assert.ok(Math.abs(t0 - goldenB) < 5e-4 && Math.abs(t1 - goldenW) < 5e-4, `${theta} vs golden b ${goldenB}, W ${goldenW}`);

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

test('the first lesson widget reaches the golden θ after its 1,000 steps', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'tutorial.html');
  const widget = page.locator('descent-playground').first();
  await page.waitForFunction(() => document.querySelector('descent-playground').shadowRoot.querySelector('.legend')?.textContent.includes('done after 1000 steps'), null, { timeout: 60000 });
  const text = await widget.locator('.legend').textContent();
  const w = Number(/w = (-?[\d.]+)/.exec(text)[1]);
  const b = Number(/b = (-?[\d.]+)/.exec(text)[1]);
  // The legend shows four significant digits.
  assert.ok(Math.abs(w - goldenW) < 2e-3 && Math.abs(b - goldenB) < 2e-3, `${text} vs golden W ${goldenW}, b ${goldenB}`);
  assert.deepEqual(browser.errors, []);
});
