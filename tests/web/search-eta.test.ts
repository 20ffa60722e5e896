import { describe, expect, test } from 'vitest';
import { formatSeconds, secondsLeft } from '../../web/src/search/eta';

describe('time left in a search', () => {
  test('from finished runs: queued work plus the rest of the runs in flight, shared by the workers', () => {
    // 2 s per run; 4 queued (8 s) + two half-done runs (1 s each) = 10 s over 2 workers.
    expect(secondsLeft([1, 3], [{ elapsed: 1, fraction: 0.5 }, { elapsed: 1, fraction: 0.5 }], 4, 2)).toBeCloseTo(5);
  });
  test('before any run finished, the runs in flight extrapolate', () => {
    // 1 s for 25 % -> 4 s per run: 3 s left of it and 4 s queued, one worker.
    expect(secondsLeft([], [{ elapsed: 1, fraction: 0.25 }], 1, 1)).toBeCloseTo(7);
  });
  test('unknown until something has progressed; zero when nothing is left', () => {
    expect(secondsLeft([], [{ elapsed: 0.1, fraction: 0 }], 5, 2)).toBeNull();
    expect(secondsLeft([2], [], 0, 4)).toBe(0);
    expect(secondsLeft([], [], 0, 4)).toBe(0);
  });
  test('more workers than runs left do not speed the last run up', () => {
    expect(secondsLeft([2], [{ elapsed: 1, fraction: 0.5 }], 0, 8)).toBeCloseTo(1);
  });
  test('formatting', () => {
    expect(formatSeconds(0.3)).toBe('less than a second');
    expect(formatSeconds(1.44)).toBe('1.4 s');
    expect(formatSeconds(12.4)).toBe('12 s');
    expect(formatSeconds(600)).toBe('10 min');
    expect(formatSeconds(7200)).toBe('2.0 h');
  });
});
