// A quick look at an uploaded CSV for the preview table and the column-role pickers. The engine's
// parser (in WebAssembly) does the real ingest and reports errors; this reads only the first rows.
export interface CsvPreview {
  delimiter: string;
  header: string[];
  rows: string[][];
  numeric: boolean[]; // per column: every previewed non-missing cell is a number
  task: 'regression' | 'classification'; // guess for the last column, same rule as the engine
}

const missing = new Set(['', 'NA', 'N/A', 'NaN', 'nan', '?', 'null']);

export function splitRows(text: string, delimiter: string, maxRows: number): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length && rows.length < maxRows; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (rows.length < maxRows && (cell !== '' || row.length > 0)) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export function detectDelimiter(text: string): string {
  const sample = text.slice(0, 4096);
  let best = ',';
  let bestScore = 0;
  for (const d of [',', ';', '\t']) {
    const rows = splitRows(sample, d, 6);
    const counts = rows.map((r) => r.length);
    const consistent = counts.length > 0 && counts.every((n) => n === counts[0]);
    const score = consistent && counts[0] > 1 ? counts[0] : 0;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export function isNumberCell(cell: string, delimiter: string): boolean {
  const t = delimiter === ';' ? cell.trim().replace(',', '.') : cell.trim();
  return t !== '' && Number.isFinite(Number(t));
}

export function previewCsv(text: string, maxRows = 6): CsvPreview {
  const delimiter = detectDelimiter(text);
  const all = splitRows(text, delimiter, 201);
  if (all.length === 0) return { delimiter, header: [], rows: [], numeric: [], task: 'regression' };
  const first = all[0];
  const second = all[1] ?? [];
  const hasHeader = first.some((c, j) => !isNumberCell(c, delimiter) && isNumberCell(second[j] ?? '', delimiter));
  const header = hasHeader ? first : first.map((_, j) => `column ${j + 1}`);
  const body = hasHeader ? all.slice(1) : all;
  const numeric = header.map((_, j) =>
    body.every((r) => missing.has((r[j] ?? '').trim()) || isNumberCell(r[j] ?? '', delimiter)),
  );
  const last = header.length - 1;
  const values = body.map((r) => (r[last] ?? '').trim()).filter((v) => !missing.has(v));
  const distinct = new Set(values);
  const integers = values.every((v) => Number.isInteger(Number(v)));
  const task = !numeric[last] || (integers && distinct.size <= 20) ? 'classification' : 'regression';
  return { delimiter, header, rows: body.slice(0, maxRows), numeric, task };
}
