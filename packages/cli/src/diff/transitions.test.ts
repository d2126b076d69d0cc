import { describe, expect, it } from "vitest";
import { DISQUALIFIED, INVALID, NONE, stateLabel, stateOf, stateOrder } from "./states.js";
import { funnelRows, transitionCounts } from "./transitions.js";
import type { Decision } from "@leadgate/runtime";

describe("stateOrder", () => {
  it("goes from worst to best: disqualified, no stage, then the funnel, removed stages last", () => {
    expect(stateOrder(["MQL", "SQL", "SAL"], ["MQL", "SAL"], false)).toEqual([DISQUALIFIED, NONE, "MQL", "SAL", "SQL"]);
  });

  it("adds invalid in front only when some lead is invalid", () => {
    expect(stateOrder([], ["MQL"], true)).toEqual([INVALID, DISQUALIFIED, NONE, "MQL"]);
  });

  it("keeps a stage called none apart from having no stage", () => {
    expect(stateOrder([], ["none"], false)).toEqual([DISQUALIFIED, NONE, "none"]);
    expect([NONE, "none"].map(stateLabel)).toEqual(["none", "none"]);
  });
});

describe("stateOf", () => {
  const decision = (stage: string | null, disqualified: boolean) =>
    ({ stage, disqualified: disqualified ? { name: "x", reason: "X" } : null }) as unknown as Decision;
  it("says where a lead ended up", () => {
    expect(stateOf({ kind: "decided", decision: decision("MQL", false) })).toBe("MQL");
    expect(stateOf({ kind: "decided", decision: decision(null, false) })).toBe(NONE);
    expect(stateOf({ kind: "decided", decision: decision(null, true) })).toBe(DISQUALIFIED);
    expect(stateOf({ kind: "invalid", issues: ["lead.x: required"] })).toBe(INVALID);
  });
});

describe("transition matrix", () => {
  const order = [DISQUALIFIED, NONE, "MQL", "SQL"];
  const moves = [
    { from: "SQL", to: "MQL" },
    { from: "MQL", to: "MQL" },
    { from: NONE, to: "MQL" },
    { from: "SQL", to: "MQL" },
    { from: "MQL", to: DISQUALIFIED },
  ];

  it("counts each from → to pair once, rows and columns in funnel order", () => {
    expect(transitionCounts(moves, order)).toEqual([
      { from: NONE, to: "MQL", count: 1 },
      { from: "MQL", to: DISQUALIFIED, count: 1 },
      { from: "MQL", to: "MQL", count: 1 },
      { from: "SQL", to: "MQL", count: 2 },
    ]);
  });

  it("gives the funnel before and after, empty states included", () => {
    expect(funnelRows(moves, order)).toEqual([
      { state: DISQUALIFIED, before: 0, after: 1 },
      { state: NONE, before: 1, after: 0 },
      { state: "MQL", before: 2, after: 4 },
      { state: "SQL", before: 2, after: 0 },
    ]);
  });
});
