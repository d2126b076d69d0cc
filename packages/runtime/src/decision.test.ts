import { describe, expect, it } from "vitest";
import { gateOf, gateStatus, missingOf, namesWith } from "./decision.js";

describe("gateOf", () => {
  it("splits requirement names by outcome, in order, with the gate's status", () => {
    expect(gateOf([true, null, false, true], ["a", "b", "c", "d"])).toEqual({
      status: "failed",
      passed: ["a", "d"],
      failed: ["c"],
      missing: ["b"],
    });
    expect(gateOf([true, null], ["a", "b"]).status).toBe("missing");
    expect(gateOf([], []).status).toBe("passed");
  });

  it("agrees with gateStatus and namesWith on every combination of three requirements", () => {
    const tri = [true, false, null] as const;
    const names = ["x", "y", "z"];
    for (const a of tri)
      for (const b of tri)
        for (const c of tri) {
          const values = [a, b, c];
          expect(gateOf(values, names)).toEqual({
            status: gateStatus(values),
            passed: namesWith("passed", values, names),
            failed: namesWith("failed", values, names),
            missing: namesWith("missing", values, names),
          });
        }
  });

  it("returns fresh lists every time, which callers may keep and change", () => {
    const names: string[] = ["a"];
    const first = gateOf([true], names);
    first.passed.push("changed");
    expect(gateOf([true], names).passed).toEqual(["a"]);
  });
});

describe("missingOf", () => {
  type Lead = { c?: { size?: number | null } | null; t?: number | null };
  const present = new Map<string, (lead: Lead) => boolean>([
    ["c", (lead) => lead.c != null],
    ["c.size", (lead) => lead.c?.size != null],
    ["t", (lead) => lead.t != null],
  ]);
  it("lists the absent paths, the outermost only", () => {
    expect(missingOf({ c: { size: 1 }, t: 2 }, ["c.size", "t"], present)).toEqual([]);
    expect(missingOf({ c: {} }, ["c.size", "t"], present)).toEqual(["c.size", "t"]);
    expect(missingOf({}, ["c", "c.size"], present)).toEqual(["c"]);
  });
  it("handles one path, and paths it cannot test, like the general case", () => {
    expect(missingOf({}, ["t"], present)).toEqual(["t"]);
    expect(missingOf({ t: 1 }, ["t"], present)).toEqual([]);
    expect(missingOf({}, ["unknown"], present)).toEqual([]);
  });
});
