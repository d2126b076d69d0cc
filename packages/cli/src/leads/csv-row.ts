/**
 * CSV as RFC 4180 writes it, one record at a time: cells separated by commas; a cell that starts
 * with `"` is quoted, may hold commas and line breaks, and writes `"` as `""`. A `"` inside an
 * unquoted cell is just a character. Records are split on line breaks outside quoted cells, so a
 * reader can find where each record starts and ends line by line, and parse its cells later (in a
 * worker, for instance) with the same rules.
 */

const QUOTE = 34; // "
const COMMA = 44; // ,

/**
 * Whether a quoted cell is still open at the end of `line`, given whether one was open at its start.
 * Uses exactly the rules of `parseCsvRow`, so both agree on where a record ends.
 */
export function quotedCellOpenAfter(line: string, openAtStart: boolean): boolean {
  if (!openAtStart && line.indexOf('"') === -1) return false;
  let open = openAtStart;
  let cellStart = !openAtStart;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (open) {
      if (c !== QUOTE) continue;
      if (line.charCodeAt(i + 1) === QUOTE) i++;
      else open = false;
    } else if (c === QUOTE && cellStart) {
      open = true;
      cellStart = false;
    } else {
      cellStart = c === COMMA;
    }
  }
  return open;
}

export type CsvRow = { readonly ok: true; readonly cells: string[] } | { readonly ok: false; readonly reason: string };

/** The cells of one record's text (line breaks inside quoted cells included). */
export function parseCsvRow(text: string): CsvRow {
  const cells: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let cell = "";
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) return { ok: false, reason: "a quoted cell is not closed" };
        cell += text.slice(from, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          cell += '"';
          from = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      cells.push(cell);
      if (i === n) return { ok: true, cells };
      if (text.charCodeAt(i) !== COMMA)
        return { ok: false, reason: `unexpected text after the closing quote of cell ${cells.length}` };
      i++;
    } else {
      const comma = text.indexOf(",", i);
      if (comma === -1) {
        cells.push(text.slice(i));
        return { ok: true, cells };
      }
      cells.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** A cell as CSV writes it: quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvCell(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
