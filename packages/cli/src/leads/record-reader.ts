import { LineSplitter } from "./line-splitter.js";
import type { RecordBatch, RecordCollector } from "./records.js";

/** How many records, or characters of them, make a batch: enough to amortise a message to a worker. */
export interface BatchSize {
  readonly records: number;
  readonly chars: number;
}

/**
 * Pulls chunks from a byte stream only as fast as batches are asked for, so a slow consumer slows
 * the reading (backpressure) and memory holds one batch and one unfinished line, whatever the size
 * of the input.
 */
export class RecordReader {
  private readonly splitter: LineSplitter;
  private ended = false;

  constructor(
    private readonly chunks: AsyncIterator<Buffer>,
    private readonly collector: RecordCollector,
    maxLineBytes: number,
    private readonly size: BatchSize,
    /**
     * For a pipe: whether nothing more has arrived yet. Then a batch goes out as it is, so leads
     * trickling in (`tail -f leads.ndjson | leadgate eval ...`) are decided as they come.
     */
    private readonly idle: () => boolean = () => false,
  ) {
    this.splitter = new LineSplitter(collector, maxLineBytes);
  }

  /** Bytes read so far. */
  get bytes(): number {
    return this.splitter.bytes;
  }

  /** Reads until `ready()` holds or the input ends (for a CSV header, say). */
  async readUntil(ready: () => boolean): Promise<void> {
    while (!this.ended && !ready()) await this.pull();
  }

  /** The next batch of records; null once the input is exhausted. */
  async next(): Promise<RecordBatch | null> {
    const { collector, size } = this;
    while (!this.ended && collector.count < size.records && collector.chars < size.chars) {
      if (collector.count > 0 && this.idle()) break;
      await this.pull();
    }
    return collector.count === 0 ? null : collector.take();
  }

  private async pull(): Promise<void> {
    const { value, done } = await this.chunks.next();
    if (done) {
      this.ended = true;
      this.splitter.end();
      this.collector.end();
    } else {
      this.splitter.push(value);
    }
  }
}
