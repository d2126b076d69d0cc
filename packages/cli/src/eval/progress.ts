/** A terminal line on stderr showing how far the run is: count, rate, and percentage and ETA when the size is known. */
export class ProgressBar {
  private lastDraw = -Infinity;
  private drawn = false;
  private readonly started: number;

  constructor(
    private readonly stream: { write(text: string): unknown; readonly columns?: number },
    private readonly size: number | null,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** Redraws at most ten times a second: cheap to call after every batch. */
  update(records: number, bytes: number): void {
    const now = this.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    this.stream.write(`\r${progressText(records, bytes, this.size, now - this.started, width)}\x1b[K`);
    this.drawn = true;
  }

  /** Clears the line, before other messages and at the end. */
  clear(): void {
    if (!this.drawn) return;
    this.stream.write("\r\x1b[K");
    this.drawn = false;
    this.lastDraw = -Infinity;
  }
}

/** `12,345 records  4,321/s  [#######.......]  48%  ETA 0:07`, cut to `width`. */
export function progressText(
  records: number,
  bytes: number,
  size: number | null,
  elapsedMs: number,
  width: number,
): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(records / seconds) : 0;
  let text = `${records.toLocaleString("en-US")} records  ${rate.toLocaleString("en-US")}/s`;
  if (size !== null && size > 0) {
    const fraction = Math.min(1, bytes / size);
    const eta = bytes > 0 && seconds > 0 ? ((size - bytes) / bytes) * seconds : null;
    const barWidth = Math.max(0, Math.min(30, width - text.length - 22));
    const filled = Math.round(fraction * barWidth);
    const bar = barWidth > 0 ? `  [${"#".repeat(filled)}${".".repeat(barWidth - filled)}]` : "";
    text += `${bar}  ${Math.floor(fraction * 100)}%${eta === null ? "" : `  ETA ${duration(eta)}`}`;
  }
  return text.slice(0, width);
}

function duration(seconds: number): string {
  const total = Math.ceil(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
