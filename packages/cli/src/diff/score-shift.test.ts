import type { Decision } from "@leadgate/runtime";
import { describe, expect, it } from "vitest";
import { scoreShifts, statsOf } from "./score-shift.js";

describe("statsOf", () => {
  it("gives mean, median, nearest-rank p90, min and max", () => {
    expect(statsOf([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])).toEqual({
      count: 10,
      mean: 55,
      median: 55,
      p90: 90,
      min: 10,
      max: 100,
    });
    expect(statsOf([3, 1, 2])).toEqual({ count: 3, mean: 2, median: 2, p90: 3, min: 1, max: 3 });
  });

  it("rounds to two decimals and has nothing to say about no leads", () => {
    expect(statsOf([1, 1, 2])?.mean).toBe(1.33);
    expect(statsOf([])).toBeNull();
  });
});

describe("scoreShifts", () => {
  const decision = (scores: Record<string, number>) =>
    ({ scores: Object.fromEntries(Object.entries(scores).map(([k, total]) => [k, { total }])) }) as unknown as Decision;

  it("summarises each score over the same leads before and after; a removed score has no after", () => {
    const shifts = scoreShifts([
      { before: decision({ engagement: 45, fit: 3 }), after: decision({ engagement: 38 }) },
      { before: decision({ engagement: 10, fit: 1 }), after: decision({ engagement: 10 }) },
    ]);
    expect(shifts.map((s) => [s.score, s.before?.mean, s.after?.mean ?? null])).toEqual([
      ["engagement", 27.5, 24],
      ["fit", 2, null],
    ]);
  });
});
