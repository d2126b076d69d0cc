/**
 * Output text collected as UTF-8 bytes outside the JavaScript heap. Each decision is written here
 * as soon as it is made, so the heap only ever holds one record's strings (which die young and cost
 * the garbage collector next to nothing) instead of a batch's worth of text; and the bytes are ready
 * to write, or to transfer from a worker thread without copying.
 */
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
/** Below this many bytes a loop copies faster than a native call. */
const NATIVE_COPY_BYTES = 16;

export class ByteSink {
  private buffer: Buffer;
  private length = 0;

  /**
   * @param spare memory to use again, from an earlier sink whose bytes have been written, when it
   *   is large enough: a batch's output is megabytes, and a new buffer for each is memory the
   *   garbage collector frees only when it next runs.
   */
  constructor(capacity: number, spare: ArrayBuffer | null = null) {
    const size = Math.max(1024, capacity);
    // Its own memory, never a slice of Node's shared pool, so a worker can transfer it.
    this.buffer = spare !== null && spare.byteLength >= size ? Buffer.from(spare) : Buffer.allocUnsafeSlow(size);
  }

  /** Bytes of output so far. */
  get size(): number {
    return this.length;
  }

  append(text: string): void {
    // A UTF-16 unit never takes more than 3 bytes in UTF-8.
    if (this.buffer.length - this.length < text.length * 3) this.grow(text.length * 3);
    this.length += this.buffer.write(text, this.length);
  }

  /** Appends text known to be ASCII (numbers, JSON punctuation), without UTF-8 encoding. */
  ascii(text: string): void {
    const n = text.length;
    if (this.buffer.length - this.length < n) this.grow(n);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i++) buffer[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /** Appends `bytes[from, to)`. */
  copy(bytes: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (n <= 0) return;
    if (this.buffer.length - this.length < n) this.grow(n);
    const buffer = this.buffer;
    let at = this.length;
    if (n >= NATIVE_COPY_BYTES) {
      buffer.set(bytes.subarray(from, to), at);
      at += n;
    } else {
      for (let i = from; i < to; i++) buffer[at++] = bytes[i]!;
    }
    this.length = at;
  }

  /**
   * Joins the JSON object written from `brace` on to the unfinished object before it, by turning
   * its opening brace into a comma: `{"line":3` + `{"policy":...}` → `{"line":3,"policy":...}`,
   * and `{"line":3` + `{}` → `{"line":3}`.
   */
  continueObject(brace: number): void {
    if (this.buffer[brace] !== OPEN_BRACE) throw new Error("continueObject: no JSON object was written");
    if (this.length - brace === 2 && this.buffer[brace + 1] === CLOSE_BRACE) {
      this.buffer[brace] = CLOSE_BRACE;
      this.length = brace + 1;
    } else {
      this.buffer[brace] = COMMA;
    }
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
