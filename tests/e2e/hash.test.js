import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, openPlayground } from './browser.js';

const env = sharedBrowser();

test('the URL hash carries the whole state and restores it', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.getByTestId('dataset').selectOption('spiral');
  await page.getByTestId('optimizer').selectOption('rmsprop');
  await page.getByTestId('add-run').click();
  await page.locator('.legend li').nth(1).waitFor();
  await page.waitForFunction(() => location.hash.length > 10);
  const hash = await page.evaluate(() => location.hash);
  const again = await openPlayground(env.browser, env.server, hash);
  assert.equal(await again.getByTestId('dataset').inputValue(), 'spiral');
  assert.equal(await again.getByTestId('optimizer').inputValue(), 'rmsprop');
  assert.equal(await again.locator('.legend li').count(), 2);
  assert.equal(await again.evaluate(() => location.hash), hash);
  assert.equal(await again.getByTestId('error').isVisible(), false);
  assert.deepEqual(env.browser.errors, []);
});

test('a broken hash shows a clear error and keeps the defaults', async () => {
  const page = await openPlayground(env.browser, env.server, '#s=eyJub3QiOiJzdGF0ZSJ9');
  const error = page.getByTestId('error');
  assert.equal(await error.isVisible(), true);
  assert.match(await error.textContent(), /could not be restored.*problem: expected 'data' or 'function'/);
  assert.equal(await page.getByTestId('dataset').inputValue(), 'circle');
  assert.deepEqual(env.browser.errors, []);
});

// What the speed slider, its label and the link say.
const speedShown = () => ({
  slider: document.querySelector('.speed input').value,
  label: document.querySelector('.speed output').textContent,
  link: JSON.parse(atob(location.hash.slice(3).replace(/-/g, '+').replace(/_/g, '/'))).speed,
});

test('an imported experiment, or a link pasted over the page, brings its speed to the slider', async () => {
  const page = await openPlayground(env.browser, env.server);
  const state = await page.evaluate(() => JSON.parse(atob(location.hash.slice(3).replace(/-/g, '+').replace(/_/g, '/'))));
  const slider = page.getByRole('slider', { name: 'speed: steps per frame' });
  await slider.fill('5'); // 50×
  const file = Buffer.from(JSON.stringify({ playground: { ...state, speed: 2 } }));
  await page.getByTestId('import-json').setInputFiles({ name: 'exp.json', mimeType: 'application/json', buffer: file });
  await page.waitForFunction(`(${speedShown})().link === 2`); // the file has been read
  assert.deepEqual(await page.evaluate(speedShown), { slider: '1', label: '2×', link: 2 }, 'after the import');

  await slider.fill('5');
  const link = `#s=${Buffer.from(JSON.stringify({ ...state, speed: 20 })).toString('base64url')}`;
  // Resolves once the page's own hashchange listener has run.
  await page.evaluate((hash) => new Promise((resolve) => {
    addEventListener('hashchange', () => setTimeout(resolve), { once: true });
    location.hash = hash;
  }), link);
  assert.deepEqual(await page.evaluate(speedShown), { slider: '4', label: '20×', link: 20 }, 'after the link');
  assert.equal(await page.getByTestId('error').isVisible(), false);
  assert.deepEqual(env.browser.errors, []);
});

// The lesson note describes the experiment on screen: a link or a file holding exactly a lesson's
// experiment is that lesson, whatever speed it plays at.
test('a link or an imported file with a lesson’s experiment shows that lesson’s note', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.locator('.presets > summary').click();
  await page.getByTestId('preset-momentum-ravine').click();
  const note = page.getByTestId('lesson-note');
  await note.waitFor();
  const text = await note.textContent();
  await page.waitForFunction(() => JSON.parse(atob(location.hash.slice(3).replace(/-/g, '+').replace(/_/g, '/'))).fn.name === 'ravine');
  const hash = await page.evaluate(() => location.hash);
  const state = JSON.parse(Buffer.from(hash.slice(3), 'base64url').toString());

  await openPlayground(env.browser, env.server, hash);
  assert.equal(await note.isVisible(), true, 'opened from the lesson’s link');
  assert.equal(await note.textContent(), text);

  // Another experiment takes the note away; a file with the lesson's brings it back.
  const load = async (s) => {
    await page.getByTestId('import-json').setInputFiles({ name: 'exp.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ playground: s })) });
    await page.waitForFunction((steps) => JSON.parse(atob(location.hash.slice(3).replace(/-/g, '+').replace(/_/g, '/'))).steps === steps, s.steps);
  };
  await load({ ...state, steps: state.steps + 1 });
  assert.equal(await note.isVisible(), false, 'one step longer is not the lesson');
  await load(state);
  assert.equal(await note.isVisible(), true, 'imported from a file');
  assert.equal(await note.textContent(), text);

  await load({ ...state, steps: state.steps + 1 });
  const link = `#s=${Buffer.from(JSON.stringify({ ...state, speed: 7 })).toString('base64url')}`;
  await page.evaluate((hash) => new Promise((resolve) => {
    addEventListener('hashchange', () => setTimeout(resolve), { once: true });
    location.hash = hash;
  }), link);
  assert.equal(await note.isVisible(), true, 'a link pasted over the page, at another speed');
  assert.equal(await note.textContent(), text);
  assert.deepEqual(env.browser.errors, []);
});
