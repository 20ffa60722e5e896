import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { sharedBrowser, openPlayground, waitForStep, trainWithoutUPlot, uplotChunk } from './browser.js';

const env = sharedBrowser();

async function download(page, testid) {
  await page.locator('.menu > summary', { hasText: 'Export' }).click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test('export metrics, experiment and weights; importing the experiment restores it', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.getByTestId('optimizer').selectOption('sgd');
  await page.locator('.legend .run-name', { hasText: 'sgd' }).waitFor();
  await page.getByTestId('play').click();
  await waitForStep(page, 100);
  await page.getByTestId('pause').click();

  const csv = await download(page, 'export-csv');
  assert.equal(csv.name, 'descent-metrics.csv');
  const lines = csv.text.trim().split('\n');
  assert.equal(lines[0], 'run,optimizer,step,batch_loss,lr,grad_norm,train_loss,test_loss,train_accuracy,test_accuracy');
  assert.ok(lines.length > 100, `${lines.length} lines`);
  const [run, optimizer, step, loss, lr] = lines[1].split(',');
  assert.deepEqual([run, optimizer, step], ['1', 'sgd', '1']);
  assert.ok(Number(loss) > 0);
  assert.ok(Math.abs(Number(lr) - 0.01) < 1e-6, `lr ${lr}`); // float32 in the engine

  const experiment = await download(page, 'export-json');
  const doc = JSON.parse(experiment.text);
  assert.equal(doc.playground.runs[0].optimizer.name, 'sgd');
  assert.equal(doc.experiments[0].optimizer.name, 'sgd');
  assert.equal(doc.experiments[0].data.source, 'circle');

  const weights = JSON.parse((await download(page, 'export-weights')).text);
  assert.equal(weights.length, 1);
  assert.ok(Array.isArray(weights[0]) && weights[0].length === 3, 'two hidden layers and the output layer');

  // Change something, then import the exported experiment: the saved settings come back.
  await page.getByTestId('dataset').selectOption('xor');
  await page.getByTestId('import-json').setInputFiles({ name: 'exp.json', mimeType: 'application/json', buffer: Buffer.from(experiment.text) });
  await page.waitForFunction(() => document.querySelector('[data-testid="dataset"]').value === 'circle');
  assert.equal(await page.getByTestId('optimizer').inputValue(), 'sgd');

  // A file that is not an experiment is refused with a message, and nothing else changes.
  await page.getByTestId('import-json').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"runs": 3}') });
  await page.getByTestId('error').waitFor({ state: 'visible' });
  assert.match(await page.getByTestId('error').textContent(), /not a descent experiment/);
  assert.equal(await page.getByTestId('dataset').inputValue(), 'circle');
  assert.deepEqual(env.browser.errors, []);
});

// What a downloaded chart PNG shows: whether its corner is opaque, and how many pixels have run 1's colour.
async function pngPixels(page, file) {
  const png = (await readFile(await file.path())).toString('base64');
  return page.evaluate(async (data) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, img.width, img.height).data;
    let run = 0;
    for (let i = 0; i < px.length; i += 4) if (Math.abs(px[i] - 0) < 40 && Math.abs(px[i + 1] - 114) < 40 && Math.abs(px[i + 2] - 178) < 40) run++;
    return { opaque: px[3] === 255, runPixels: run };
  }, png);
}

test('the loss chart PNG shows the curves up to now, on a solid background, even if the chart was never scrolled into view', async () => {
  const page = await openPlayground(env.browser, env.server);
  await page.getByTestId('play').click();
  await waitForStep(page, 300);
  await page.locator('.menu > summary', { hasText: 'Export' }).click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  assert.equal(file.suggestedFilename(), 'descent-loss.png');
  const { opaque, runPixels } = await pngPixels(page, file);
  assert.ok(opaque, 'the corner is not transparent');
  assert.ok(runPixels > 50, `run 1's curve is in the picture (${runPixels} pixels of its colour)`);
  assert.deepEqual(env.browser.errors, []);
});

// uPlot is fetched after start-up (charts/uplot-lazy.ts): a PNG asked for before it has arrived is
// drawn and downloaded once it does.
test('the loss chart PNG asked for before uPlot has arrived is downloaded once it arrives', async () => {
  const { page, uplot } = await trainWithoutUPlot(env.browser, env.server);
  try {
    assert.equal(await page.getByTestId('chart-loss').locator('canvas').count(), 0, 'uPlot has not arrived');
    let downloaded = null;
    page.once('download', (d) => (downloaded = d));
    await page.locator('.menu > summary', { hasText: 'Export' }).click();
    await page.getByTestId('export-png').click();
    await page.waitForTimeout(300);
    assert.equal(downloaded, null, 'nothing to take a picture of yet');
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), uplot.release()]);
    assert.equal(file.suggestedFilename(), 'descent-loss.png');
    const { opaque, runPixels } = await pngPixels(page, file);
    assert.ok(opaque, 'the corner is not transparent');
    assert.ok(runPixels > 50, `run 1's curve is in the picture (${runPixels} pixels of its colour)`);
  } finally {
    await uplot.stop();
  }
  assert.deepEqual(env.browser.errors, []);
});

// Kept last: the refused chunk leaves network errors in the console, which are taken off again.
test('the loss chart PNG says why there is none when uPlot cannot be fetched', async () => {
  const page = await env.browser.newPage();
  const before = env.browser.errors.length;
  await page.route(uplotChunk, (route) => route.abort());
  try {
    await openPlayground(env.browser, env.server);
    await page.locator('.menu > summary', { hasText: 'Export' }).click();
    await page.getByTestId('export-png').click();
    await page.getByTestId('error').waitFor({ state: 'visible' });
    assert.match(await page.getByTestId('error').textContent(), /chart library did not load.*try again/);
  } finally {
    await page.unroute(uplotChunk);
  }
  const added = env.browser.errors.splice(before);
  assert.deepEqual(added.filter((e) => !/Failed to load resource|Failed to fetch dynamically imported module/.test(e)), []);
});
