import { describe, expect, it } from "vitest";
import { ProgressBar, progressText } from "./progress.js";

describe("progress", () => {
  it("shows count and rate, and with a known size a bar, percentage and ETA", () => {
    expect(progressText(1500, 0, null, 1000, 80)).toBe("1,500 records  1,500/s");
    expect(progressText(1500, 250, 1000, 1000, 80)).toBe(
      "1,500 records  1,500/s  [########......................]  25%  ETA 0:03",
    );
    expect(progressText(1500, 250, 1000, 1000, 20)).toHaveLength(20);
  });

  it("redraws at most every 100 ms, and clears its line", () => {
    let now = 0;
    const writes: string[] = [];
    const bar = new ProgressBar({ write: (t: string) => writes.push(t), columns: 60 }, null, () => now);
    bar.update(1, 10);
    now = 50;
    bar.update(2, 20);
    now = 150;
    bar.update(3, 30);
    bar.clear();
    bar.clear();
    expect(writes).toEqual(["\r1 records  0/s\x1b[K", "\r3 records  20/s\x1b[K", "\r\x1b[K"]);
  });
});
