/** Builds generated source line by line with consistent two-space indentation. */
export class CodeWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  line(text = ""): this {
    this.lines.push(text === "" ? "" : "  ".repeat(this.depth) + text);
    return this;
  }

  /** Writes several lines (e.g. a multi-line expression), each at the current indentation. */
  lines_(text: string): this {
    for (const l of text.split("\n")) this.line(l);
    return this;
  }

  block(open: string, body: () => void, close = "}"): this {
    this.line(open);
    this.depth++;
    body();
    this.depth--;
    this.line(close);
    return this;
  }

  toString(): string {
    return `${this.lines.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
  }
}
