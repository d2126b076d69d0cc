import { parseCsvRow, quotedCellOpenAfter } from "./csv-row.js";
import { forEachLine, type LineSink } from "./line-splitter.js";

/**
 * Text read from an input, in order: plain data, cheap to post to a worker (a few long strings
 * rather than one per record). How it is cut into records depends on `kind`:
 *
 * - `lines` (NDJSON): each text holds one or more whole lines, as a LineSplitter emits them, the
 *   first of them line `lines[i]`; every line that is not blank is a record. The main thread does
 *   not split them: whoever evaluates them does (see forEachLine).
 * - `records` (CSV): each text is one record, which started on line `lines[i]`.
 *
 * A record that could not be read as text (not UTF-8, too long, a quoted CSV cell never closed)
 * keeps its place, with an empty text and the reason in `unreadable`, so it is reported, not lost.
 */
export interface RecordBatch {
  readonly kind: "lines" | "records";
  /** The 1-based line each text starts on. */
  readonly lines: number[];
  readonly texts: string[];
  /** Texts that stand for a record that could not be read: their index in this batch and why. Usually none. */
  readonly unreadable: Array<{ readonly index: number; readonly reason: string }>;
}

/** Collects records from lines; `take` hands over what has been collected so far. */
export abstract class RecordCollector implements LineSink {
  protected starts: number[] = [];
  protected texts: string[] = [];
  protected problems: Array<{ index: number; reason: string }> = [];
  /** Records (for NDJSON, lines) collected since the last `take`, to size batches. */
  count = 0;
  /** Characters of text collected since the last `take`, to size batches. */
  chars = 0;

  protected abstract readonly kind: RecordBatch["kind"];
  abstract lines(first: number, text: string, count: number): void;
  abstract unreadable(number: number, reason: string): void;
  /** Call at the end of the input. */
  abstract end(): void;

  take(): RecordBatch {
    const batch: RecordBatch = { kind: this.kind, lines: this.starts, texts: this.texts, unreadable: this.problems };
    this.starts = [];
    this.texts = [];
    this.problems = [];
    this.count = 0;
    this.chars = 0;
    return batch;
  }

  protected add(line: number, text: string, count: number): void {
    this.starts.push(line);
    this.texts.push(text);
    this.count += count;
    this.chars += text.length;
  }

  protected addUnreadable(line: number, reason: string): void {
    this.problems.push({ index: this.starts.length, reason });
    this.starts.push(line);
    this.texts.push("");
    this.count++;
  }
}

/** Whether a line holds nothing but white space: not a record, in NDJSON or CSV. */
export function isBlank(text: string): boolean {
  // Most lines start with `{` or a letter: one comparison, no regular expression.
  return text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === "");
}

/**
 * NDJSON: every line that is not blank is a record. Lines are kept in the blocks they came in, for
 * whoever evaluates them to split (see RecordBatch).
 */
export class NdjsonRecords extends RecordCollector {
  protected readonly kind = "lines";

  lines(first: number, text: string, count: number): void {
    this.add(first, text, count);
  }

  unreadable(number: number, reason: string): void {
    this.addUnreadable(number, reason);
  }

  end(): void {}
}

/**
 * CSV: the first record is the header; a record spans lines while a quoted cell is open. A record
 * longer than `maxRecordChars` is reported as unreadable, and its text is not kept.
 */
export class CsvRecords extends RecordCollector {
  protected readonly kind = "records";
  /** The header's cells, once read; null before. */
  header: { readonly line: number; readonly cells: string[] } | null = null;
  /** A record whose quoted cell is still open: where it started and its lines so far. */
  private open: { line: number; parts: string[]; chars: number; problem: string | null } | null = null;

  constructor(private readonly maxRecordChars: number) {
    super();
  }

  lines(first: number, text: string): void {
    forEachLine(first, text, (number, line) => this.line(number, line));
  }

  private line(number: number, text: string): void {
    const open = this.open;
    if (open !== null) {
      open.chars += text.length + 1;
      if (open.problem === null && open.chars > this.maxRecordChars) {
        open.problem = `longer than ${this.maxRecordChars} characters`;
        open.parts = [];
      }
      if (open.problem === null) open.parts.push(text);
      if (quotedCellOpenAfter(text, true)) return;
      this.open = null;
      if (open.problem !== null) this.addUnreadable(open.line, open.problem);
      else this.record(open.line, open.parts.join("\n"));
      return;
    }
    if (isBlank(text)) return;
    if (quotedCellOpenAfter(text, false)) {
      this.open = { line: number, parts: [text], chars: text.length, problem: null };
      return;
    }
    this.record(number, text);
  }

  unreadable(number: number, reason: string): void {
    // A line that is not text inside an open quoted cell spoils that record; the next line starts afresh.
    const line = this.open?.line ?? number;
    this.open = null;
    if (this.header === null) throw new CsvHeaderError(line, reason);
    this.addUnreadable(line, reason);
  }

  end(): void {
    const open = this.open;
    if (open === null) return;
    this.open = null;
    const reason = "a quoted cell is not closed before the end of the input";
    if (this.header === null) throw new CsvHeaderError(open.line, reason);
    this.addUnreadable(open.line, reason);
  }

  private record(line: number, text: string): void {
    if (this.header !== null) {
      this.add(line, text, 1);
      return;
    }
    const row = parseCsvRow(text);
    if (!row.ok) throw new CsvHeaderError(line, row.reason);
    this.header = { line, cells: row.cells };
  }
}

/** The header row cannot be read: no record can be, so the whole input is refused. */
export class CsvHeaderError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`the header row (line ${line}): ${reason}`);
  }
}
