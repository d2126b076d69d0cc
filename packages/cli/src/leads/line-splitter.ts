import { isUtf8 } from "node:buffer";

/** Receives whole lines in order, numbered from 1. */
export interface LineSink {
  /**
   * `count` whole lines, the first of them line `first`: each ends with a line break (LF, or CRLF)
   * but perhaps the last line of the input. Lines come in blocks, as many as a chunk of input holds,
   * so that splitting them, one by one, is left to whoever needs them: for NDJSON, a worker thread.
   */
  lines(first: number, text: string, count: number): void;
  /** A line that is not text: not UTF-8, or longer than the limit. Its bytes are not kept. */
  unreadable(number: number, reason: string): void;
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const BOM = 0xfeff;

/**
 * Splits a byte stream into lines, in constant memory: only the unfinished last line of a chunk is
 * kept, and a line longer than `maxLineBytes` is dropped as it streams by (and reported as
 * unreadable) rather than buffered. Line endings may be LF or CRLF; a UTF-8 byte-order mark at the
 * start is not part of the first line. A chunk of whole lines is checked and decoded at once, and
 * goes out as one block; only when it is not UTF-8 is it decoded line by line, so one bad line
 * costs one record, not the file.
 */
export class LineSplitter {
  private carry: Buffer | null = null;
  /** The current line is over the limit: its bytes are skipped until its end. */
  private skipping = false;
  private lineNumber = 0;
  /** Bytes pushed so far, for progress. */
  bytes = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineBytes: number,
  ) {}

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    let start = 0;
    if (this.skipping) {
      const end = chunk.indexOf(NEWLINE);
      if (end === -1) return;
      this.skipping = false;
      this.sink.unreadable(++this.lineNumber, this.tooLong());
      start = end + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last < start) {
      this.keep(chunk.subarray(start));
      return;
    }
    let whole = chunk.subarray(start, last + 1);
    if (this.carry !== null) {
      // The carried line ends in this chunk: check its size before joining.
      const end = chunk.indexOf(NEWLINE, start);
      if (this.carry.length + end - start > this.maxLineBytes) {
        this.carry = null;
        this.sink.unreadable(++this.lineNumber, this.tooLong());
        whole = chunk.subarray(end + 1, last + 1);
      } else {
        whole = Buffer.concat([this.carry, whole]);
        this.carry = null;
      }
    }
    this.emit(whole);
    this.keep(chunk.subarray(last + 1));
  }

  /** Call at the end of the input: the last line may have no line break. */
  end(): void {
    if (this.skipping) {
      this.skipping = false;
      this.sink.unreadable(++this.lineNumber, this.tooLong());
    } else if (this.carry !== null) {
      const line = this.carry;
      this.carry = null;
      this.emit(line, true);
    }
  }

  /** Keeps the start of an unfinished line, unless that makes it too long. */
  private keep(bytes: Buffer): void {
    if (bytes.length === 0) return;
    const size = (this.carry?.length ?? 0) + bytes.length;
    if (size > this.maxLineBytes) {
      this.carry = null;
      this.skipping = true;
      return;
    }
    // A copy, so the carried bytes do not pin the whole (large) chunk they came from.
    this.carry = this.carry === null ? Buffer.from(bytes) : Buffer.concat([this.carry, bytes]);
  }

  /** Emits the lines of `bytes`: whole lines, each ended by a line break unless `final`. */
  private emit(bytes: Buffer, final = false): void {
    if (bytes.length === 0) return;
    if (isUtf8(bytes)) {
      this.emitText(bytes.toString("utf8"), final, bytes.length > this.maxLineBytes);
      return;
    }
    let from = 0;
    while (from < bytes.length) {
      let end = bytes.indexOf(NEWLINE, from);
      if (end === -1) end = bytes.length;
      const line = bytes.subarray(from, end);
      if (line.length > this.maxLineBytes) this.sink.unreadable(++this.lineNumber, this.tooLong());
      else if (isUtf8(line)) this.emitText(line.toString("utf8"), true, false);
      else this.sink.unreadable(++this.lineNumber, "not UTF-8 text");
      from = end + 1;
    }
  }

  /**
   * Emits the lines of decoded text; `final`: the text is one line without its line break.
   * `check`: a line may be over the limit (only when the text is, so rarely): then lines go out one
   * by one, each checked.
   */
  private emitText(text: string, final: boolean, check: boolean): void {
    if (this.lineNumber === 0 && text.charCodeAt(0) === BOM) text = text.slice(1);
    if (text.length === 0 && !final) return;
    if (!check) {
      const count = final ? 1 : countLineBreaks(text);
      this.sink.lines(this.lineNumber + 1, text, count);
      this.lineNumber += count;
      return;
    }
    let from = 0;
    for (;;) {
      let end = final ? -1 : text.indexOf("\n", from);
      const last = end === -1;
      if (last) {
        if (!final) return;
        end = text.length;
      }
      const cut = end > from && text.charCodeAt(end - 1) === CARRIAGE_RETURN ? end - 1 : end;
      // A UTF-8 character is at most 3 bytes per UTF-16 unit: most lines need no byte count.
      if ((cut - from) * 3 > this.maxLineBytes && Buffer.byteLength(text.slice(from, cut)) > this.maxLineBytes)
        this.sink.unreadable(++this.lineNumber, this.tooLong());
      else this.sink.lines(++this.lineNumber, text.slice(from, end + (last ? 0 : 1)), 1);
      if (last) return;
      from = end + 1;
    }
  }

  private tooLong(): string {
    return `longer than ${formatBytes(this.maxLineBytes)}`;
  }
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

/**
 * Calls `each` with every line of a block that a LineSplitter emitted, numbered from `first`,
 * without its line break (LF or CRLF).
 */
export function forEachLine(first: number, text: string, each: (number: number, line: string) => void): void {
  let number = first;
  for (let from = 0; from < text.length; number++) {
    let end = text.indexOf("\n", from);
    if (end === -1) end = text.length;
    each(number, lineAt(text, from, end));
    from = end + 1;
  }
}

/** The line `text[from, end)`, without the carriage return of a CRLF line break. */
export function lineAt(text: string, from: number, end: number): string {
  return text.slice(from, end > from && text.charCodeAt(end - 1) === CARRIAGE_RETURN ? end - 1 : end);
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
