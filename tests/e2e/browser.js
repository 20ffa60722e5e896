// Shared set-up for end-to-end tests: a static server for dist/ (optionally under a sub-path, with
// the production Content-Security-Policy) and Debian's Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const csp = (await import('../../web/csp.js')).default;

// Serves dist/ (or another folder, root) under `base` (e.g. '/descent/') on 127.0.0.1 with an ephemeral port.
export async function serveDist(base = '/', folder = dist) {
  const root = folder.endsWith('/') ? folder : `${folder}/`;
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404).end('not under ' + base);
      return;
    }
    let file = normalize(join(root, path.slice(base.length)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (file.endsWith('/')) file += 'index.html';
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': types[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': csp,
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}${base}`;
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

// A fresh Chromium profile per call; collects console errors and page errors for assertions.
export async function openBrowser() {
  const profile = await mkdtemp(join(tmpdir(), 'descent-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 860 },
    env: { ...process.env, XDG_CONFIG_HOME: profile },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const errors = [];
  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(String(err)));
  };
  context.on('page', watch);
  context.pages().forEach(watch);
  return {
    context,
    errors,
    async newPage() {
      const page = context.pages()[0] ?? (await context.newPage());
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

// Opens the playground (optionally with a hash) and waits until its first run has been set up.
// One browser and one dist/ server for a whole test file, opened before its first test and closed
// after its last: `const env = sharedBrowser();` then env.browser / env.server inside tests.
export function sharedBrowser(base = '/') {
  const env = { browser: null, server: null };
  before(async () => {
    env.browser = await openBrowser();
    env.server = await serveDist(base);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

export async function openPlayground(browser, server, hash = '') {
  const page = await browser.newPage();
  await page.goto('about:blank');
  await page.goto(server.url + hash);
  await page.locator('.descent[data-ready="true"]').waitFor({ timeout: 20000 });
  return page;
}

// uPlot is fetched after start-up (charts/uplot-lazy.ts): this holds its chunk back on `page` until
// release(). `asked` tells whether the page has asked for it; stop() lets it through again for good.
export const uplotChunk = /\/uPlot[^/]*\.js$/;
export async function holdUPlot(page) {
  let open;
  const held = new Promise((resolve) => (open = resolve));
  const hold = { asked: false, release: () => open(), stop: () => (open(), page.unroute(uplotChunk)) };
  await page.route(uplotChunk, async (route) => {
    hold.asked = true;
    await held;
    await route.continue();
  });
  return hold;
}

// The playground trained for `steps` steps and paused while uPlot is held back: { page, uplot }.
export async function trainWithoutUPlot(browser, server, steps = 100) {
  const page = await browser.newPage();
  const uplot = await holdUPlot(page);
  try {
    await openPlayground(browser, server);
    await page.getByTestId('play').click();
    await waitForStep(page, steps);
    await page.getByTestId('pause').click();
  } catch (e) {
    await uplot.stop();
    throw e;
  }
  return { page, uplot };
}

// Reads a readout as a number ("12.5%" → 12.5); NaN while it shows "–".
export async function readNumber(page, testid) {
  const text = (await page.getByTestId(testid).textContent()) ?? '';
  return Number.parseFloat(text.replace('%', ''));
}

// Waits until the step counter reaches at least n.
export async function waitForStep(page, n, timeout = 30000) {
  await page.waitForFunction(
    (min) => Number(document.querySelector('[data-testid="step-count"]')?.textContent) >= min,
    n,
    { timeout },
  );
}

// How many distinct colours a canvas shows in a coarse sample of its pixels (1 means blank).
export async function canvasColours(locator) {
  return locator.evaluate((canvas) => {
    const ctx = canvas.getContext('2d');
    const { width, height } = canvas;
    const data = ctx.getImageData(0, 0, width, height).data;
    const seen = new Set();
    for (let y = 0; y < height; y += 7) {
      for (let x = 0; x < width; x += 7) {
        const i = (y * width + x) * 4;
        seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      }
    }
    return seen.size;
  });
}

// Scrolls a canvas into view (charts out of view wait while runs play) and waits until it shows at
// least `min` distinct colours.
export async function waitForColours(locator, min, timeout = 10000) {
  await locator.scrollIntoViewIfNeeded();
  const end = Date.now() + timeout;
  let seen = 0;
  while (Date.now() < end) {
    seen = await canvasColours(locator);
    if (seen >= min) return seen;
    await new Promise((r) => setTimeout(r, 100));
  }
  return seen;
}
