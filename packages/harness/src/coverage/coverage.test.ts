import { describe, expect, it } from "vitest";
import { fixtures } from "../__fixtures__/helpers.js";
import { runGoldenTests } from "../run/run-golden-tests.js";
import { percentText } from "./coverage.js";

describe("coverage", () => {
  it("counts each decision point both ways (figures worked out by hand in __fixtures__/coverage/gaps.yaml)", async () => {
    const report = await runGoldenTests({ cwd: fixtures, paths: ["coverage"], coverage: true });
    expect(report.coverage).toHaveLength(1);
    const tiny = report.coverage![0]!;
    // 1 rule + 1 disqualifier + 2 score lines + 2 grade branches + 4 requirements = 10 points, 2 ways each.
    expect(tiny).toMatchObject({ policy: "tiny", file: "policies/tiny.gate", decisions: 2, totalWays: 20 });
    expect(tiny.coveredWays).toBe(18);
    expect(tiny.percent).toBe(90);
    expect(tiny.uncovered).toEqual([
      { kind: "disqualifier", name: "competitor", line: 35, never: "never true" },
      { kind: "requirement", name: "SAL.local", line: 44, never: "never failed" },
    ]);
    expect(tiny.unreachedStages).toEqual([]);
  });

  it("names stages no example reaches, and sides never seen when only one lead runs", async () => {
    const report = await runGoldenTests({ cwd: fixtures, paths: ["coverage"], coverage: true, filter: "small quiet" });
    const tiny = report.coverage![0]!;
    expect(tiny.unreachedStages.map((s) => s.name)).toEqual(["MQL", "SAL"]);
    // The small lead shows only one side of each point: false/failed/not contributed/B chosen, plus SAL.local passed.
    expect(tiny.coveredWays).toBe(10);
    expect(tiny.uncovered.map((w) => `${w.kind} ${w.name} ${w.never}`)).toContain("rule big never true");
    expect(tiny.uncovered.map((w) => `${w.kind} ${w.name} ${w.never}`)).toContain("score line engagement.demo never contributed");
    expect(tiny.uncovered.map((w) => `${w.kind} ${w.name} ${w.never}`)).toContain("grade branch fit.A never chosen");
  });

  it("rounds percentages down, so a shortfall never prints as 100%", () => {
    expect(percentText(100)).toBe("100.0%");
    expect(percentText((5 / 6) * 100)).toBe("83.3%");
    expect(percentText((1999 / 2000) * 100)).toBe("99.9%");
    expect(percentText(29)).toBe("29.0%");
  });
});
