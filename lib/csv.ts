// CSV as RFC 4180 writes it (docs/ARCHITECTURE.md, "Exports"): fields separated by commas, records ended by CRLF, a
// field holding a comma, a double quote, CR or LF enclosed in double quotes with its quotes doubled. Fields
// are text the caller has already formatted (lib/format.ts: ISO times, exact decimals), never a float.

/** A plain decimal number (`-1.5`, `0`, `12`): written as it is, though it may start with `-`. */
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * What a spreadsheet reads as a formula (or, for tab and CR, as the start of one after its own trimming) when
 * a cell starts with it: `=`, `+`, `-`, `@`, tab, CR. User text (vote reasons, slash reasons, titles) that
 * starts so is written with a leading `'`, which spreadsheets show as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field as written: neutralised against formula injection, then quoted if it must be. */
export function csvField(value: string | number | bigint | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record: its fields joined by commas, ended by CRLF. */
export function csvRow(fields: readonly (string | number | bigint | boolean | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * Reads RFC 4180 text back into records of fields (quotes undone; a trailing line end ends the last
 * record; LF alone is taken as a line end too). For tests and for readers of the exports; the `'` a
 * neutralised field starts with is kept, as a spreadsheet keeps it in the cell's text.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (quoted) throw new Error('parseCsv: a quoted field is not closed');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** The records of a CSV with a header row, each as an object keyed by the header's names. */
export function parseCsvObjects(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header = [], ...records] = parseCsv(text);
  return { header, rows: records.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? '']))) };
}
