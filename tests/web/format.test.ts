import { describe, expect, test } from 'vitest';
import { formatNumber } from '../../web/src/format';

describe('formatNumber', () => {
  test('keeps four significant digits in the readable range', () => {
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(1234.5678)).toBe('1235');
    expect(formatNumber(2)).toBe('2');
  });
  test('switches to exponent notation for tiny and huge values', () => {
    expect(formatNumber(0.000012346)).toBe('1.235e-5');
    expect(formatNumber(123456789)).toBe('1.235e8');
  });
  test('names divergence instead of printing NaN', () => {
    expect(formatNumber(NaN)).toBe('NaN (diverged)');
    expect(formatNumber(Infinity)).toBe('∞ (diverged)');
  });
});
