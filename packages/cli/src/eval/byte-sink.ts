/**
 * Output text collected as UTF-8 bytes outside the JavaScript heap. Each decision's JSON is copied
 * here as soon as it is made, so the heap only ever holds one record's strings (which die young and
 * cost the garbage collector next to nothing) instead of a batch's worth of text; and the bytes are
 * ready to write, or to transfer from a worker thread without copying.
 */
const COMMA = 0x2c;

export class ByteSink {
  private buffer: Buffer;
  private length = 0;

  constructor(capacity: number) {
    // Its own memory, never a slice of Node's shared pool, so a worker can transfer it.
    this.buffer = Buffer.allocUnsafeSlow(Math.max(1024, capacity));
  }

  get size(): number {
    return this.length;
  }

  append(text: string): void {
    // A UTF-16 unit never takes more than 3 bytes in UTF-8.
    if (this.buffer.length - this.length < text.length * 3) this.grow(text.length * 3);
    this.length += this.buffer.write(text, this.length);
  }

  /**
   * Appends `head` and then the JSON object `object` with its opening brace turned into a comma, and
   * a line break: `{"line":3` + `{"policy":...}` → `{"line":3,"policy":...}`. An empty object `{}`
   * would come out as `{"line":3,}`; callers pass decisions, which are never empty.
   */
  appendObjectAfter(head: string, object: string): void {
    this.append(head);
    const brace = this.length;
    this.append(object);
    this.buffer[brace] = COMMA;
    this.append("\n");
  }

  /** The bytes appended so far; the sink must not be used afterwards. */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  private grow(needed: number): void {
    const next = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + needed));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }
}
