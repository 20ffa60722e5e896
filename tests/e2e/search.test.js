import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { sharedBrowser, openPlayground } from './browser.js';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const env = sharedBrowser();

// Serious or critical axe-core violations inside the search section.
async function searchViolations(page) {
  await page.evaluate(axeSource); // evaluated by the driver, so the page's CSP does not apply
  const results = await page.evaluate(() => window.axe.run(document.querySelector('.search'), { resultTypes: ['violations'] }));
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

// The playground on the digits set with the search section opened.
async function openDigits() {
  const page = await openPlayground(env.browser, env.server);
  await page.getByTestId('dataset').selectOption('digits');
  // The race has restarted on digits (its summary names the classes) before the search starts.
  await page.locator('.notes li', { hasText: '10 classes' }).waitFor({ timeout: 20000 });
  await page.locator('.search-details > summary').click();
  return page;
}

const runCard = (page) => page.locator('.run-card').first();
const lrField = (page) => runCard(page).getByLabel('lr', { exact: true });

async function until(condition, timeout = 10000) {
  const end = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${condition}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Every value data-filled takes, from before the click on Start.
async function recordFilled(page) {
  await page.evaluate(() => {
    const heat = document.querySelector('[data-testid="search-heatmap"]');
    window.filledSeen = [];
    new MutationObserver(() => {
      const v = heat.dataset.filled;
      if (window.filledSeen[window.filledSeen.length - 1] !== v) window.filledSeen.push(v);
    }).observe(heat, { attributes: true, attributeFilter: ['data-filled'] });
  });
}

test('LR finder on digits: the curve and a suggestion appear, and "Use" sets the lr field', async () => {
  const page = await openDigits();
  await page.getByTestId('lr-find').click();
  await page.getByTestId('lr-suggestion').waitFor({ timeout: 60000 });
  assert.match(await page.getByTestId('lr-suggestion').textContent(), /^Suggested lr ≈ \S+ \(the loss is lowest at \S+; a tenth of that\); steepest descent at \S+\.$/);
  assert.equal(await page.getByTestId('lr-chart').locator('canvas').count(), 1);
  const label = await page.getByTestId('lr-use').textContent();
  const suggested = Number(label.replace('Use ', ''));
  assert.ok(suggested > 1e-7 && suggested < 10, label);
  await page.getByTestId('lr-use').click();
  assert.equal(Number(await lrField(page).inputValue()), suggested);
  // The search's lr range is now centred on the suggestion.
  const min = Number(await page.getByLabel('lr min').inputValue());
  const max = Number(await page.getByLabel('lr max').inputValue());
  assert.ok(min < suggested && suggested < max, `${min} < ${suggested} < ${max}`);
  assert.deepEqual(await searchViolations(page), []);
  assert.deepEqual(env.browser.errors, []);
});

test('a 12-run grid fills the heatmap, sorts its table, and opens the best run', async () => {
  const page = await openDigits();
  await page.getByLabel('lr count').fill('4');
  await page.getByTestId('search-budget').fill('40');
  assert.equal(await page.getByTestId('search-run-count').textContent(), '12 runs of 40 steps');
  await recordFilled(page);
  await page.getByTestId('search-start').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="search-heatmap"]').dataset.filled === '12', null, { timeout: 120000 });
  const seen = await page.evaluate(() => window.filledSeen);
  assert.equal(seen[0], '0', `filled from 0: ${seen}`);
  assert.equal(seen[seen.length - 1], '12');
  assert.deepEqual(seen.map(Number), [...seen.map(Number)].sort((a, b) => a - b), 'cells only ever fill');
  assert.equal(await page.getByTestId('search-heatmap').getAttribute('data-total'), '12');
  await page.getByTestId('search-progress').locator('.progress-text', { hasText: /^12 \/ 12 runs · done/ }).waitFor();
  const rows = page.getByTestId('search-row');
  assert.equal(await rows.count(), 12);

  // Sorting by test loss: ascending, then descending on a second click; the best row comes first.
  const losses = async () => (await page.locator('[data-testid="search-row"] td:nth-child(5)').allTextContents()).map(Number);
  await page.getByTestId('search-table').getByRole('button', { name: 'test loss' }).click();
  const up = await losses();
  assert.deepEqual(up, [...up].sort((a, b) => a - b));
  assert.equal(await rows.first().getAttribute('class'), 'best done');
  await page.getByTestId('search-table').getByRole('button', { name: /test loss/ }).click();
  const down = await losses();
  assert.deepEqual(down, [...up].reverse());

  assert.deepEqual(await searchViolations(page), []);
  const best = JSON.parse(await page.locator('[data-testid="search-row"].best').getAttribute('data-config'));
  assert.equal(await page.locator('.heat-cell.best').count(), 1);
  await page.getByTestId('search-open-best').click();
  await until(async () => Math.abs(Number(await lrField(page).inputValue()) / best.lr - 1) < 1e-9);
  assert.ok(Math.abs(Number(await lrField(page).inputValue()) / best.lr - 1) < 1e-9, `lr ${await lrField(page).inputValue()} vs ${best.lr}`);
  assert.equal(Number(await page.getByLabel('mini-batch size B').inputValue()), best.batch_size);
  assert.deepEqual(env.browser.errors, []);
});

test('cancelling a big search stops every pool worker and no more runs finish', async () => {
  const page = await openDigits();
  await page.getByLabel('lr count').fill('40');
  await page.getByTestId('search-budget').fill('20000');
  const started = [];
  const closed = [];
  page.on('worker', (w) => {
    started.push(w);
    closed.push(new Promise((resolve) => w.on('close', resolve)));
  });
  await page.getByTestId('search-start').click();
  await page.getByTestId('search-progress').locator('.progress-text', { hasText: /worker/ }).waitFor();
  await page.locator('[data-testid="search-row"][data-status="running"]').first().waitFor();
  assert.ok(started.length >= 1, 'the pool started workers');
  await page.getByTestId('search-cancel').click();
  await Promise.all(closed.map((c) => Promise.race([c, new Promise((_, reject) => setTimeout(() => reject(new Error('a pool worker is still running')), 10000))])));
  const text = await page.getByTestId('search-progress').locator('.progress-text').textContent();
  assert.match(text, /^cancelled after \d+ \/ 120 runs/);
  const finished = () => page.locator('[data-testid="search-row"][data-status="done"]').count();
  const before = await finished();
  assert.equal(await page.locator('[data-testid="search-row"][data-status="running"]').count(), 0);
  assert.ok((await page.locator('[data-testid="search-row"][data-status="cancelled"]').count()) >= 120 - before - 1);
  await page.waitForTimeout(1000);
  assert.equal(await finished(), before, 'no run finished after the cancel');
  assert.ok(await page.getByTestId('search-start').isEnabled());
  assert.deepEqual(env.browser.errors, []);
});

test('a bad search says what is wrong and starts nothing', async () => {
  const page = await openDigits();
  const workers = [];
  page.on('worker', (w) => workers.push(w));
  await page.getByLabel('lr min').fill('1');
  assert.match(await page.getByTestId('search-error').textContent(), /^lr: min \(1\) is larger than max \(0\.1\)$/);
  assert.equal(await page.getByTestId('search-run-count').textContent(), 'no runs: fix the search first');
  await page.getByTestId('search-start').click();
  await page.getByLabel('lr min').fill('0.001');
  assert.ok(await page.getByTestId('search-error').isHidden());
  await page.getByTestId('search-method').selectOption('random');
  await page.getByTestId('search-runs').fill('0');
  assert.match(await page.getByTestId('search-error').textContent(), /^Runs: expected a whole number from 1 to 10000, got 0$/);
  await page.getByTestId('search-start').click();
  await page.waitForTimeout(500);
  assert.equal(workers.length, 0, 'no worker started');
  assert.ok(await page.getByTestId('search-progress').isHidden());
  assert.equal(await page.getByTestId('search-row').count(), 0);
  assert.deepEqual(env.browser.errors, []);
});

test('on a phone every search dimension control lies inside the panel, wide enough to read, and Method shows its whole choice', async () => {
  const page = await openDigits();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('.search-dim').first().scrollIntoViewIfNeeded();
  const bad = await page.evaluate(() => {
    const panel = document.querySelector('.search-details').getBoundingClientRect();
    const out = [];
    for (const el of document.querySelectorAll('.search-dim input, .search-dim select, .search-dim button')) {
      const r = el.getBoundingClientRect();
      const name = el.getAttribute('aria-label') ?? el.textContent;
      if (r.right > panel.right + 0.5 || r.left < panel.left - 0.5) out.push(`${name}: ${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(panel.left)}–${Math.round(panel.right)}`);
      else if (el.tagName === 'INPUT' && r.width < 48) out.push(`${name}: ${Math.round(r.width)}px wide`);
    }
    return out;
  });
  assert.deepEqual(bad, []);
  const method = page.getByTestId('search-method');
  for (const value of ['grid', 'random']) {
    await method.selectOption(value);
    const { text, room } = await method.evaluate((el) => {
      const style = getComputedStyle(el);
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const label = el.selectedOptions[0].textContent;
      // The arrow and the padding take about 2.5 em of the box.
      return { text: label, room: el.clientWidth - 2.5 * parseFloat(style.fontSize) - ctx.measureText(label).width };
    });
    assert.ok(room >= 0, `Method "${text}" is cut by ${Math.round(-room)}px`);
  }
});
