import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, openPlayground, canvasColours } from './browser.js';

const env = sharedBrowser();

test('the tutorial preset loads and runs its 1000 steps of gradient descent', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.locator('.presets > summary').click();
  await page.getByTestId('preset-tutorial').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="dataset"]').value === 'five_points');
  assert.equal(await page.getByTestId('optimizer').inputValue(), 'sgd');
  await page.locator('.legend .run-name', { hasText: 'sgd · lr 0.01' }).waitFor({ timeout: 20000 });
  await page.getByTestId('play').click();
  await page.locator('.legend .run-status', { hasText: 'done after 1000 steps' }).waitFor({ timeout: 60000 });
  assert.equal(await page.getByTestId('step-count').textContent(), '1000');
  // Five points hold none out: no empty test readouts, the training R² instead.
  assert.equal(await page.getByTestId('test-loss').isVisible(), false);
  assert.equal(await page.getByTestId('test-r2').isVisible(), false);
  assert.ok(await page.getByTestId('train-score').isVisible());
  const r2 = Number(await page.getByTestId('train-score').textContent());
  assert.ok(r2 > 0.9 && r2 < 1, `train R² of the fitted line: ${r2}`);
  assert.ok((await canvasColours(page.getByTestId('landscape').locator('canvas'))) > 5, 'θ0/θ1 landscape with the path');
  assert.deepEqual(env.browser.errors, []);
});

test('a test-function preset races on the landscape', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.locator('.presets > summary').click();
  await page.getByTestId('preset-momentum-ravine').click();
  await page.locator('.legend li').nth(1).waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('.legend .run-status')].every((e) => e.textContent === 'step 0'), null, { timeout: 20000 });
  await page.getByTestId('play').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-count"]').textContent) >= 50);
  assert.ok((await canvasColours(page.getByTestId('landscape').locator('canvas'))) > 8);
  assert.deepEqual(env.browser.errors, []);
});

test('a run whose learning rate is too big is marked as diverged, and the others go on', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.locator('.presets > summary').click();
  await page.getByTestId('preset-learning-rate').click();
  await page.locator('.legend li').nth(2).waitFor();
  await page.getByTestId('play').click();
  const diverged = page.locator('.legend li', { hasText: 'lr 0.1' }).locator('.run-status');
  await diverged.filter({ hasText: /^diverged at step \d+$/ }).waitFor({ timeout: 60000 });
  await page.locator('.legend li', { hasText: 'lr 0.02' }).locator('.run-status', { hasText: 'done after 300 steps' }).waitFor({ timeout: 60000 });
  assert.equal(await page.getByTestId('error').isVisible(), false, 'divergence is not a page error');
  assert.deepEqual(env.browser.errors, []);
});

test('clicking the landscape of a test function starts the runs from there', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.locator('.presets > summary').click();
  await page.getByTestId('preset-adaptive-rosenbrock').click();
  const startX = page.getByLabel('Start x');
  await page.waitForFunction(() => document.querySelector('[data-testid="dataset"]').value === 'fn:rosenbrock');
  const canvas = page.getByTestId('landscape').locator('canvas');
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  // the plotting area spans pixels 34…312 of 320 across x ∈ [−2, 2]: 75 % across is x ≈ 0.97
  await canvas.click({ position: { x: box.width * (34 + 0.75 * 278) / 320, y: box.height / 2 } });
  // The data panel is rebuilt with the new start point; read the field afresh until it shows it.
  let x = NaN;
  for (let i = 0; i < 50 && !(Math.abs(x - 1) < 0.1); i++) {
    x = Number(await startX.inputValue());
    await page.waitForTimeout(100);
  }
  assert.ok(Math.abs(x - 1) < 0.1, `start x ${x}`);
  assert.match(await page.evaluate(() => location.hash), /^#s=/);
  assert.deepEqual(env.browser.errors, []);
});

// The slider, its label, the link and the next Play all take the speed of whatever set the state.
async function speedShown(page) {
  return page.evaluate(() => ({
    slider: document.querySelector('.speed input').value,
    label: document.querySelector('.speed output').textContent,
    link: JSON.parse(atob(location.hash.slice(3).replace(/-/g, '+').replace(/_/g, '/'))).speed,
  }));
}

test('a lesson moves the speed slider to its own speed', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.getByRole('slider', { name: 'speed: steps per frame' }).fill('5'); // 50×
  await page.locator('.presets > summary').click();
  await page.getByTestId('preset-tutorial').click(); // 2 steps per frame
  assert.deepEqual(await speedShown(page), { slider: '1', label: '2×', link: 2 });
  assert.deepEqual(env.browser.errors, []);
});

// The lesson note describes the experiment on screen: another one, from a file or a link, takes it away.
test('a lesson’s note shows with its lesson, and goes when an imported file or a new link replaces it', async () => {
  const page = await openPlayground(env.browser, env.server);
  const note = page.getByTestId('lesson-note');
  const state = await page.evaluate(() => JSON.parse(atob(location.hash.slice(3).replace(/-/g, '+').replace(/_/g, '/'))));
  const choose = async (id) => {
    await page.locator('.presets').evaluate((d) => (d.open = true));
    await page.getByTestId(`preset-${id}`).click();
  };
  assert.equal(await note.isVisible(), false, 'no lesson at first');
  await choose('tutorial');
  assert.match(await note.textContent(), /^Five-point linear regression — /);

  // A file that is not an experiment changes nothing: the lesson and its note stay.
  await page.getByTestId('import-json').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{') });
  await page.getByTestId('error').waitFor();
  assert.ok(await note.isVisible(), 'a refused file keeps the lesson on screen');
  const file = Buffer.from(JSON.stringify({ playground: { ...state, speed: 2 } }));
  await page.getByTestId('import-json').setInputFiles({ name: 'exp.json', mimeType: 'application/json', buffer: file });
  await page.getByTestId('error').waitFor({ state: 'hidden' });
  assert.equal(await note.isVisible(), false, 'an imported experiment is not the lesson');

  await choose('momentum-ravine');
  assert.match(await note.textContent(), /^SGD vs momentum in a ravine — /);
  const link = `#s=${Buffer.from(JSON.stringify({ ...state, speed: 20 })).toString('base64url')}`;
  // Resolves once the page's own hashchange listener has run.
  await page.evaluate((hash) => new Promise((resolve) => {
    addEventListener('hashchange', () => setTimeout(resolve), { once: true });
    location.hash = hash;
  }), link);
  assert.equal(await note.isVisible(), false, 'a new link is not the lesson');

  await choose('learning-rate');
  assert.match(await note.textContent(), /^Learning rate too small \/ too big — /);
  assert.deepEqual(env.browser.errors, []);
});
