// <descent-playground> on a plain page of someone else's: the page lives in its own directory and
// references only files of dist/ (under /dist/), with the production CSP. Three differently configured
// widgets train side by side, a bad one reports its error inside itself, styles do not cross the
// shadow boundary either way, attribute changes reconfigure, and off-screen widgets wait.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { dist, openBrowser } from './browser.js';

const csp = (await import('../../web/csp.js')).default;
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };

const ravineSpec = { data: { source: 'spiral', n: 200, noise: 0.1, seed: 3 }, model: { hidden: [{ units: 8, activation: 'tanh' }] }, optimizer: { name: 'adam', lr: 0.02 }, batch_size: 16, steps: 5000 };

const pageHtml = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <link rel="icon" href="data:,">
  <title>A lesson that embeds descent</title>
  <link rel="stylesheet" href="./page.css">
  <script type="module" src="/dist/descent-widget.js"></script>
</head>
<body>
  <h1>Three playgrounds</h1>
  <button id="outside" class="secondary">a button of the page</button>
  <div id="lookalike" class="descent"><div class="panel">not a playground</div></div>
  <descent-playground id="fn" preset="momentum-ravine" height="220" autoplay></descent-playground>
  <descent-playground id="bad" config='{"data": 5}' height="90" autoplay></descent-playground>
  <descent-playground id="file" config="./five-points.json" controls="optimizers,views" theme="dark" height="220" autoplay></descent-playground>
  <descent-playground id="inline" config='${JSON.stringify(ravineSpec)}' controls="views" height="220" autoplay></descent-playground>
  <div class="spacer"></div>
  <descent-playground id="below" preset="adaptive-rosenbrock" autoplay></descent-playground>
</body>
</html>`;

// Rules that would restyle the widget's insides if they leaked through the shadow boundary.
const pageCss = `
* { font-size: 40px; }
button { color: rgb(255, 0, 0); }
body { margin: 8px; line-height: 1.2; letter-spacing: 2px; }
h1 { margin: 0; }
.spacer { height: 3000px; }
descent-playground { margin-bottom: 8px; }
`;

// A blog on another origin (localhost) that loads the widget from the server of dist/ (127.0.0.1).
const crossHtml = (distOrigin) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A blog elsewhere</title>
<script type="module" src="${distOrigin}/dist/descent-widget.js"></script></head>
<body><descent-playground id="cross" preset="tutorial" height="300" autoplay></descent-playground></body>
</html>`;
const crossCsp = () => [
  "default-src 'self'",
  `script-src 'self' ${url} 'wasm-unsafe-eval'`,
  `worker-src 'self' blob: ${url}`, // a module worker's imports are checked against worker-src
  `connect-src 'self' ${url}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
].join('; ');

let browser;
let server;
let url;
let scratch;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'descent-widget-page-'));
  await writeFile(join(scratch, 'index.html'), pageHtml);
  await writeFile(join(scratch, 'page.css'), pageCss);
  await writeFile(join(scratch, 'five-points.json'), await readFile(new URL('../../docs/examples/tutorial-five-points.json', import.meta.url)));
  const roots = { '/dist/': dist, '/page/': scratch + '/' };
  server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const prefix = Object.keys(roots).find((p) => path.startsWith(p));
    let file = prefix && normalize(join(roots[prefix], path.slice(prefix.length)));
    if (!file || !file.startsWith(roots[prefix])) {
      res.writeHead(404).end();
      return;
    }
    if (file.endsWith('/')) file += 'index.html';
    try {
      const body = await readFile(file);
      // dist/ is served with CORS, as a CDN or GitHub Pages would, so other origins can load the widget.
      const headers = { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Access-Control-Allow-Origin': '*' };
      headers['Content-Security-Policy'] = file.endsWith('cross.html') ? crossCsp() : csp;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
  await writeFile(join(scratch, 'cross.html'), crossHtml(url));
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

// The step counter inside a widget's shadow root; -1 while the widget has not mounted.
const step = (page, id) =>
  page.evaluate((id) => {
    const out = document.getElementById(id).shadowRoot.querySelector('[data-testid="step-count"]');
    return out ? Number(out.textContent) : -1;
  }, id);

const waitStep = (page, id, min, timeout = 30000) =>
  page.waitForFunction(
    ([id, min]) => Number(document.getElementById(id)?.shadowRoot?.querySelector('[data-testid="step-count"]')?.textContent) >= min,
    [id, min],
    { timeout },
  );

async function openPage() {
  const page = await browser.newPage();
  await page.goto('about:blank');
  await page.goto(`${url}/page/`);
  return page;
}

test('three differently configured widgets train independently on a page that loads only dist files', async () => {
  const page = await openPage();
  for (const id of ['fn', 'file', 'inline']) await waitStep(page, id, 3);
  // Each shows its own configuration: a test function, the five points (from a JSON file), a spiral net.
  assert.equal(await page.locator('#fn').getByText('f(x, y)').count(), 1);
  assert.equal(await page.locator('#file').getByTestId('optimizer').inputValue(), 'sgd');
  assert.match(await page.locator('#file').locator('.legend').textContent(), /sgd · lr 0\.01/);
  assert.match(await page.locator('#inline').locator('.legend').textContent(), /adam · lr 0\.02/);
  // Each has its own workers: pausing one leaves the others running.
  await page.locator('#inline').getByTestId('pause').click();
  await page.waitForTimeout(300); // steps already on their way from the worker still arrive
  const paused = await step(page, 'inline');
  const others = [await step(page, 'fn'), await step(page, 'file')];
  await page.waitForTimeout(600);
  assert.equal(await step(page, 'inline'), paused);
  assert.ok((await step(page, 'file')) > others[1], 'the five-point widget stopped when another was paused');
  await page.screenshot({ path: '/tmp/shots/widget-page.png' }).catch(() => {});
  assert.deepEqual(browser.errors.filter((e) => !/Failed to load resource/.test(e)), []);
});

test('an invalid config shows its error inside that widget only', async () => {
  const page = await openPage();
  const bad = page.locator('#bad').getByTestId('error');
  await bad.waitFor({ timeout: 15000 });
  assert.match(await bad.textContent(), /config: data: expected an object/);
  for (const id of ['fn', 'file', 'inline']) {
    await waitStep(page, id, 1);
    assert.equal(await page.locator(`#${id}`).getByTestId('error').isVisible(), false);
  }
  // Nothing leaks onto the page itself.
  assert.equal(await page.locator('body > [data-testid="error"]').count(), 0);
  assert.deepEqual(browser.errors, []);
});

test('page CSS does not reach inside a widget, and the widget CSS does not reach the page', async () => {
  const page = await openPage();
  await waitStep(page, 'fn', 1);
  const inside = await page.locator('#fn').getByTestId('reset').evaluate((b) => {
    const s = getComputedStyle(b);
    return { color: s.color, fontSize: s.fontSize, letterSpacing: s.letterSpacing, paddingTop: s.paddingTop };
  });
  assert.notEqual(inside.color, 'rgb(255, 0, 0)');
  assert.equal(inside.fontSize, '14px');
  assert.equal(inside.letterSpacing, 'normal');
  // 0.4rem of the playground's sheet stays 6.4px although the page's root font is 40px.
  assert.equal(inside.paddingTop, '6.4px');
  const outside = await page.evaluate(() => {
    const b = getComputedStyle(document.getElementById('outside'));
    const panel = getComputedStyle(document.querySelector('#lookalike .panel'));
    return { color: b.color, fontSize: b.fontSize, radius: b.borderTopLeftRadius, panelBorder: panel.borderTopWidth, panelPadding: panel.paddingTop };
  });
  assert.deepEqual(outside, { color: 'rgb(255, 0, 0)', fontSize: '40px', radius: '0px', panelBorder: '0px', panelPadding: '0px' });
  assert.deepEqual(browser.errors, []);
});

test('changing attributes reconfigures a widget', async () => {
  const page = await openPage();
  const fn = page.locator('#fn');
  await waitStep(page, 'fn', 1);
  assert.match(await fn.locator('.legend').textContent(), /momentum/);
  await page.evaluate(() => {
    const el = document.getElementById('fn');
    el.setAttribute('preset', 'tutorial');
    el.setAttribute('controls', 'optimizers,views');
    el.setAttribute('theme', 'dark');
  });
  await fn.getByTestId('optimizer').waitFor({ timeout: 15000 });
  await waitStep(page, 'fn', 1);
  assert.match(await fn.locator('.legend').textContent(), /sgd · lr 0\.01/);
  assert.doesNotMatch(await fn.locator('.legend').textContent(), /momentum/);
  assert.equal(await fn.locator('.descent').getAttribute('data-theme'), 'dark');
  await page.evaluate(() => document.getElementById('fn').setAttribute('height', '400'));
  assert.equal(await fn.locator('.frame').evaluate((f) => f.getBoundingClientRect().height), 400);
  await page.evaluate(() => document.getElementById('fn').setAttribute('height', 'very tall'));
  assert.match(await fn.getByTestId('error').textContent(), /height: expected pixels/);
  await page.evaluate(() => document.getElementById('fn').setAttribute('height', '300'));
  await waitStep(page, 'fn', 1);
  assert.equal(await fn.locator('.frame').evaluate((f) => f.getBoundingClientRect().height), 300);
  // A bad value is reported in place, and fixing it brings the playground back.
  await page.evaluate(() => document.getElementById('fn').setAttribute('controls', 'views,sidebar'));
  assert.match(await fn.getByTestId('error').textContent(), /controls: unknown panel "sidebar"/);
  await page.evaluate(() => document.getElementById('fn').setAttribute('controls', 'views'));
  await waitStep(page, 'fn', 1);
  assert.deepEqual(browser.errors, []);
});

test('a widget below the fold starts only when scrolled into view and pauses when scrolled away', async () => {
  const page = await openPage();
  await waitStep(page, 'fn', 1);
  assert.equal(await step(page, 'below'), -1);
  await page.locator('#below').scrollIntoViewIfNeeded();
  await waitStep(page, 'below', 3);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  const away = await step(page, 'below');
  await page.waitForTimeout(600);
  assert.equal(await step(page, 'below'), away);
  assert.ok(away < 1500, 'the race nearly finished before it could be paused');
  await page.locator('#below').scrollIntoViewIfNeeded();
  await waitStep(page, 'below', away + 1);
  // A hidden tab pauses it too, and showing the tab again resumes it.
  const setTab = (state) => page.evaluate((state) => {
    Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
  await setTab('hidden');
  await page.waitForTimeout(300);
  const hidden = await step(page, 'below');
  await page.waitForTimeout(600);
  assert.equal(await step(page, 'below'), hidden);
  await setTab('visible');
  await waitStep(page, 'below', hidden + 1);
  assert.deepEqual(browser.errors, []);
});

test('a page on another origin runs a widget loaded from the dist server', async () => {
  const page = await browser.newPage();
  await page.goto(`${url.replace('127.0.0.1', 'localhost')}/page/cross.html`);
  await waitStep(page, 'cross', 3);
  assert.equal(await page.locator('#cross').getByTestId('error').isVisible(), false);
  assert.deepEqual(browser.errors, []);
});
