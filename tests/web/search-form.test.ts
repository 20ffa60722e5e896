import { describe, expect, test } from 'vitest';
import { buildSearch, defaultForm, defaultRow, SearchFormError, type SearchForm } from '../../web/src/search/dimensions';

function form(change: (f: SearchForm) => void = () => {}): SearchForm {
  const f = defaultForm(0.01, 200, 'steps');
  change(f);
  return f;
}

describe('search form', () => {
  test('the default is a 3 × 3 grid: lr on a log range around the current lr × three batch sizes', () => {
    const built = buildSearch(form());
    expect(built.total).toBe(9);
    expect(built.budget).toBe(200);
    expect(built.search).toEqual({ method: 'grid', params: { lr: { min: 0.001, max: 0.1, count: 3, scale: 'log' }, batch_size: [16, 32, 64] } });
  });
  test('the grid size is the product of the dimensions; random searches make the runs asked for', () => {
    const grid = form((f) => {
      f.rows[0].count = '4';
      f.rows.push({ ...defaultRow('optimizer'), list: 'sgd, adam' });
    });
    expect(buildSearch(grid).total).toBe(24);
    expect(buildSearch(grid).search.params.optimizer).toEqual(['sgd', 'adam']);
    const random = form((f) => {
      f.method = 'random';
      f.runs = '17';
      f.seed = '3';
    });
    expect(buildSearch(random)).toMatchObject({ total: 17, search: { method: 'random', runs: 17, seed: 3 } });
    // Ranges are sampled: their point count plays no part.
    expect(buildSearch(random).search.params.lr).toEqual({ min: 0.001, max: 0.1, scale: 'log' });
    random.rows[0].count = '0';
    expect(buildSearch(random).total).toBe(17);
  });
  test('"none" in a schedule list means a constant lr', () => {
    const f = form((f) => f.rows.push(defaultRow('schedule')));
    expect(buildSearch(f).search.params.schedule).toEqual([null, 'cosine', 'step']);
  });
  test.each([
    [(f: SearchForm) => (f.rows[0].min = '1'), /lr: min \(1\) is larger than max \(0\.1\)/],
    [(f: SearchForm) => (f.rows[0].min = '0'), /lr: a log range needs min > 0/],
    [(f: SearchForm) => (f.rows[0].count = '0'), /lr count: expected a whole number from 1 to 10000, got 0/],
    [(f: SearchForm) => (f.rows[0].count = '1'), /lr: one point needs min = max/],
    [(f: SearchForm) => (f.rows[0].max = 'abc'), /lr max: expected a number, got “abc”/],
    [(f: SearchForm) => (f.rows[1].list = ' , '), /batch_size: give at least one value/],
    [(f: SearchForm) => f.rows.push(defaultRow('lr')), /lr appears twice/],
    [(f: SearchForm) => (f.rows = []), /Add at least one dimension/],
    [(f: SearchForm) => (f.budget = '0'), /Steps per run: expected a whole number/],
    [(f: SearchForm) => ((f.method = 'random'), (f.runs = '0')), /Runs: expected a whole number from 1 to 10000, got 0/],
    [(f: SearchForm) => (f.rows[0].count = '5000'), /The grid has 15000 combinations; at most 10000/],
  ])('a bad search is refused with a message naming the field (%#)', (change, message) => {
    expect(() => buildSearch(form(change))).toThrow(SearchFormError);
    expect(() => buildSearch(form(change))).toThrow(message);
  });
  test('epochs budgets are named as such', () => {
    const f = defaultForm(0.01, 0, 'epochs');
    expect(() => buildSearch(f)).toThrow(/Epochs per run/);
  });
});
