import { describe, expect, test } from 'vitest';
import { detectDelimiter, previewCsv, splitRows } from '../../web/src/csv/preview';

describe('CSV preview', () => {
  test('reads a header, rows and guesses a classification target from text labels', () => {
    const p = previewCsv('a,b,species\n1,2,setosa\n3,4,virginica\n');
    expect(p.header).toEqual(['a', 'b', 'species']);
    expect(p.rows).toEqual([['1', '2', 'setosa'], ['3', '4', 'virginica']]);
    expect(p.numeric).toEqual([true, true, false]);
    expect(p.task).toBe('classification');
  });
  test('guesses regression for a continuous target and names headerless columns', () => {
    const p = previewCsv('1,2.5\n2,3.7\n3,9.1\n');
    expect(p.header).toEqual(['column 1', 'column 2']);
    expect(p.rows.length).toBe(3);
    expect(p.task).toBe('regression');
  });
  test('detects semicolon and tab delimiters', () => {
    expect(detectDelimiter('x;y\n1,5;2\n3,5;4\n')).toBe(';');
    expect(detectDelimiter('x\ty\n1\t2\n')).toBe('\t');
    expect(previewCsv('x;y\n1,5;2,25\n3;4,5\n').numeric).toEqual([true, true]);
  });
  test('respects quotes, doubled quotes, CRLF and a BOM', () => {
    expect(splitRows('\ufeffname,note\r\n"Smith, J","said ""hi"""\r\n', ',', 10)).toEqual([
      ['name', 'note'],
      ['Smith, J', 'said "hi"'],
    ]);
  });
  test('limits the preview to the first rows', () => {
    const text = 'x,y\n' + Array.from({ length: 50 }, (_, i) => `${i},${i * 2}`).join('\n');
    expect(previewCsv(text, 5).rows.length).toBe(5);
  });
  test('treats missing values as neither text nor numbers', () => {
    expect(previewCsv('x,y\n1,NA\n2,3\n').numeric).toEqual([true, true]);
  });
});
