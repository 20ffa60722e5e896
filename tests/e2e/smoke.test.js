import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, openBrowser } from './browser.js';

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => browser?.close());

for (const base of ['/', '/descent/app/']) {
  test(`the page shows the worker's WebAssembly SIMD answer when served from ${base}`, async () => {
    const server = await serveDist(base);
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      const status = page.getByTestId('core-status');
      await status.and(page.locator('[data-simd]')).waitFor({ timeout: 15000 });
      assert.equal(await status.getAttribute('data-simd'), 'true');
      // Same check sum as the Node test computes for i%7 · i%5 over 1000 elements.
      let expected = 0;
      for (let i = 0; i < 1000; i++) expected += (i % 7) * (i % 5);
      assert.equal(Number(await status.getAttribute('data-dot')), expected);
      assert.match(await status.textContent(), /WebAssembly SIMD on/);
      assert.deepEqual(browser.errors, []);
    } finally {
      await server.close();
    }
  });
}
