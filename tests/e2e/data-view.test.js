import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser, openPlayground, waitForStep } from './browser.js';

const env = sharedBrowser();

// Records the texts drawn on the data view's canvas and whether each was drawn turned (the y axis).
function recordCanvasText() {
  const fill = CanvasRenderingContext2D.prototype.fillText;
  window.__drawn = [];
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
    if (this.canvas.getAttribute?.('aria-label')?.startsWith('data view')) window.__drawn.push({ text: String(text), turned: this.getTransform().b !== 0 });
    return fill.call(this, text, x, y, ...rest);
  };
}

test('predicted vs actual (diabetes) has numbers on both axes', async () => {
  await env.browser.context.addInitScript(recordCanvasText);
  const page = await openPlayground(env.browser, env.server);
  await page.getByTestId('dataset').selectOption('diabetes');
  await page.getByTestId('play').click();
  await page.waitForFunction(() => window.__drawn.some((d) => d.text === 'predicted'), null, { timeout: 20000 });
  await waitForStep(page, 20);
  await page.getByTestId('pause').click();
  // One picture's texts: x from, x to, 'actual', 'predicted', then whatever the y axis carries.
  const drawn = await page.evaluate(() => {
    const i = window.__drawn.map((d) => d.text).lastIndexOf('actual');
    return window.__drawn.slice(i - 2, i + 4);
  });
  const number = /^−?-?\d[\d.]*(e-?\d+)?$/;
  const flat = drawn.filter((d) => !d.turned && number.test(d.text));
  const turned = drawn.filter((d) => d.turned && number.test(d.text));
  assert.equal(flat.length, 2, `x axis: its two ends (${JSON.stringify(drawn)})`);
  assert.equal(turned.length, 2, `y axis: its two ends (${JSON.stringify(drawn)})`);
  assert.deepEqual(env.browser.errors, []);
});
