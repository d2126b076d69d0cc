/** 1-based line and column, 0-based offset, as editors and tsc print them. */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** A half-open source range: `end` points just past the last character. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A policy's text with the bookkeeping needed to turn offsets into lines and columns. */
export class SourceFile {
  readonly path: string;
  /** The text as parsed: a leading byte-order mark is removed so column 1 is the first visible character. */
  readonly text: string;
  private readonly lineStarts: number[];

  constructor(path: string, text: string) {
    this.path = path;
    this.text = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.lineStarts = [0];
    for (let i = 0; i < this.text.length; i++) {
      const ch = this.text.charCodeAt(i);
      // \r\n counts as one line break; a lone \r (old Mac) also ends a line.
      if (ch === 10 || (ch === 13 && this.text.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { offset: clamped, line: low + 1, column: clamped - (this.lineStarts[low] ?? 0) + 1 };
  }

  rangeAt(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(Math.max(startOffset, endOffset)) };
  }

  /** The range of a whole 1-based line, without its line break. */
  lineRange(line: number): Range {
    const clamped = Math.max(1, Math.min(line, this.lineStarts.length));
    const start = this.lineStarts[clamped - 1] ?? 0;
    return this.rangeAt(start, start + this.lineText(clamped).length);
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return "";
    const next = this.lineStarts[line];
    const raw = this.text.slice(start, next ?? this.text.length);
    return raw.replace(/\r?\n$|\r$/, "");
  }
}

export function spanRanges(first: Range, last: Range): Range {
  return { start: first.start, end: last.end };
}
