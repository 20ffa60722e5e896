import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, openPlayground, waitForStep } from './browser.js';

const env = sharedBrowser();

const upload = (page, name, text) =>
  page.getByTestId('csv-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

const good = 'height,weight,label\n1.5,60,a\n1.7,72,b\n1.8,80,b\n1.6,55,a\n1.9,85,b\n1.4,50,a\n';

test('a CSV that cannot be read does not replace the file already loaded', async () => {
  const page = await openPlayground(env.browser, env.server);
  await upload(page, 'people.csv', good);
  await page.locator('.notes li', { hasText: '2 classes: a, b' }).waitFor({ timeout: 20000 });
  await upload(page, 'ragged.csv', 'a,b,c\n1,2,3\n4,5\n');
  const error = page.getByTestId('error');
  await error.filter({ hasText: 'previous data is kept' }).waitFor({ timeout: 20000 });
  assert.match(await error.textContent(), /^ragged\.csv: row 3 has 2 fields, expected 3/);
  const dataset = page.getByTestId('dataset');
  assert.equal(await dataset.locator('option:checked').textContent(), 'people.csv');
  await page.locator('table.preview th', { hasText: 'weight' }).waitFor();
  await page.locator('.legend .run-status', { hasText: 'step 0' }).waitFor({ timeout: 20000 });
  await page.getByTestId('play').click();
  await waitForStep(page, 20);
  assert.equal(await error.isVisible(), true, 'the message stays until the learner changes something');
  assert.deepEqual(env.browser.errors, []);
});

test('an empty file is reported as empty, and the built-in set stays', async () => {
  const page = await openPlayground(env.browser, env.server);
  await upload(page, 'empty.csv', '\ufeff\r\n');
  const error = page.getByTestId('error');
  await error.waitFor({ state: 'visible' });
  assert.equal(await error.textContent(), 'empty.csv is empty: a CSV needs a header row and data rows.');
  assert.equal(await page.getByTestId('dataset').inputValue(), 'circle');
});

test('text that is not a number leaves the learning rate as it was and says so', async () => {
  const page = await openPlayground(env.browser, env.server);
  const lr = page.locator('.run-card').first().getByLabel('lr', { exact: true });
  await lr.click();
  await lr.press('Control+a');
  await lr.pressSequentially('1e');
  await lr.press('Tab');
  const error = page.getByTestId('error');
  await error.waitFor({ state: 'visible' });
  assert.equal(await error.textContent(), 'lr: enter a number; the last valid value is still used.');
  assert.equal(await lr.getAttribute('aria-invalid'), 'true');
  await page.waitForTimeout(400); // a retrain, if one had been started, would have begun by now
  assert.match(await page.locator('.legend .run-name').first().textContent(), /lr 0\.01$/);
  await lr.fill('0.05');
  await lr.press('Tab');
  await page.locator('.legend .run-name', { hasText: 'lr 0.05' }).waitFor();
  await error.waitFor({ state: 'hidden' });
  assert.equal(await lr.getAttribute('aria-invalid'), null);
});

test('an error caused far down the page is shown where the learner is', async () => {
  const page = await openPlayground(env.browser, env.server);
  const beta2 = page.locator('.run-card').first().getByLabel('betas[1]');
  await beta2.scrollIntoViewIfNeeded();
  await beta2.fill('1');
  await beta2.press('Tab');
  const error = page.getByTestId('error');
  await error.filter({ hasText: 'optimizer.betas[1]' }).waitFor({ timeout: 20000 });
  const box = await error.boundingBox();
  const height = page.viewportSize().height;
  assert.ok(box && box.y >= 0 && box.y + box.height <= height, `the error is on screen: ${JSON.stringify(box)} in ${height}px`);
  // Always in view, so it can be put away.
  await page.getByRole('button', { name: 'dismiss this message' }).click();
  await error.waitFor({ state: 'hidden' });
});

test('a value outside a field’s range shows the value that is used (300 units → 256, batch 0 → 2)', async () => {
  const page = await openPlayground(env.browser, env.server);
  const set = async (label, value) => {
    const input = page.getByLabel(label, { exact: true });
    await input.fill(value);
    await input.press('Tab');
    return input;
  };
  assert.equal(await (await set('layer 1 units', '300')).inputValue(), '256');
  assert.equal(await (await set('mini-batch size B', '0')).inputValue(), '2');
  assert.equal(await (await set('training length', '0')).inputValue(), '1');
  assert.equal(await (await set('L2 λ', '-1')).inputValue(), '0');
  const state = await page.evaluate(() => JSON.parse(atob(decodeURIComponent(location.hash.slice(3)).replace(/-/g, '+').replace(/_/g, '/'))));
  assert.deepEqual([state.model.hidden[0].units, state.batch_size, state.steps, state.regularization.l2], [256, 2, 1, 0]);
});

test('a bad number typed while the race restarts after another change stays on screen', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.locator('.legend .run-status', { hasText: 'step 0' }).waitFor({ timeout: 20000 });
  await page.getByTestId('optimizer').selectOption('sgd'); // restarts the race after a short pause
  const lr = page.locator('.run-card').first().getByLabel('lr', { exact: true });
  await lr.click();
  await lr.press('Control+a');
  await lr.pressSequentially('1e');
  await lr.press('Tab');
  await page.locator('.legend .run-name', { hasText: 'sgd' }).waitFor();
  await page.locator('.legend .run-status', { hasText: 'step 0' }).waitFor({ timeout: 20000 });
  await page.waitForTimeout(500); // the restart has finished
  assert.equal(await page.getByTestId('error').isVisible(), true);
  assert.equal(await page.getByTestId('error').textContent(), 'lr: enter a number; the last valid value is still used.');
  await lr.fill('0.05');
  await lr.press('Tab');
  await page.locator('.legend .run-name', { hasText: 'lr 0.05' }).waitFor();
  await page.getByTestId('error').waitFor({ state: 'hidden' }); // a valid change clears it
});

test('milestones that are not numbers are refused with an example, and the schedule stays as it was', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.getByLabel('run 1 schedule').selectOption('multistep');
  const milestones = page.locator('.run-card').first().getByLabel('milestones');
  const before = await milestones.inputValue();
  await milestones.fill('abc');
  await milestones.press('Tab');
  const error = page.getByTestId('error');
  await error.waitFor({ state: 'visible' });
  assert.equal(await error.textContent(), 'milestones: enter whole numbers separated by commas, e.g. 30, 80; the last valid value is still used.');
  assert.equal(await milestones.getAttribute('aria-invalid'), 'true');
  await page.waitForTimeout(400);
  assert.match(await page.locator('.legend .run-status').first().textContent(), /^step 0$/, 'the run is not broken');
  assert.notEqual(before, '');
});

test('a link to a CSV experiment asks for the file, and the file uploaded again keeps the link’s settings', async () => {
  const first = await openPlayground(env.browser, env.server);
  await upload(first, 'people.csv', good);
  await first.locator('.notes li', { hasText: '2 classes: a, b' }).waitFor({ timeout: 20000 });
  const fraction = first.getByLabel('Test fraction');
  await fraction.fill('0.5');
  await fraction.press('Tab');
  await first.locator('.notes li', { hasText: 'split 2 training / 4 test rows' }).waitFor({ timeout: 20000 });
  const link = first.url();
  const page = await openPlayground(env.browser, env.server, `#${link.split('#')[1]}`);
  await page.getByTestId('error').filter({ hasText: 'upload it again' }).waitFor();
  assert.equal(await page.getByLabel('Samples').count(), 0, 'no fields of generated data sets');
  await page.getByText('upload the file again below').waitFor();
  await upload(page, 'people.csv', good);
  await page.locator('.notes li', { hasText: 'split 2 training / 4 test rows' }).waitFor({ timeout: 20000 });
  assert.equal(await page.getByLabel('Test fraction').inputValue(), '0.5');
  await page.getByTestId('error').waitFor({ state: 'hidden' });
});

test('the CSV task picker shows its whole choice, "auto (classification)"', async () => {
  const page = await openPlayground(env.browser, env.server);
  await upload(page, 'people.csv', good);
  const task = page.getByLabel('Task', { exact: true });
  await task.waitFor();
  const { text, room } = await task.evaluate((el) => {
    const style = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const label = el.selectedOptions[0].textContent;
    // The arrow and the padding take about 2.5 em of the box.
    return { text: label, room: el.clientWidth - 2.5 * parseFloat(style.fontSize) - ctx.measureText(label).width };
  });
  assert.equal(text, 'auto (classification)');
  assert.ok(room >= 0, `the label is cut by ${-room}px`);
});

test('in a race, an invalid setting of one run is reported with that run’s number, and the others still start', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.getByTestId('add-run').click();
  await page.locator('.legend li').nth(1).waitFor();
  const lr = page.locator('.run-card').nth(1).getByLabel('lr', { exact: true });
  await lr.fill('-1');
  await lr.press('Tab');
  const error = page.getByTestId('error');
  await error.filter({ hasText: 'optimizer.lr' }).waitFor({ timeout: 20000 });
  assert.match(await error.textContent(), /^Run 2: optimizer\.lr: must be >= 0, got -1$/);
  assert.equal(await page.locator('.legend .run-status').first().textContent(), 'step 0');
});
