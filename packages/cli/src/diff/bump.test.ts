import { describe, expect, it } from "vitest";
import { bumpFor, bumpVersion, combineBumps } from "./bump.js";
import type { PolicyChange } from "./semantic-diff.js";

const threshold: PolicyChange = {
  kind: "stage",
  name: "MQL",
  part: "engaged",
  change: "changed",
  text: "requirement MQL.engaged: engagement >= 40 → engagement >= 45",
};
const fieldRemoved: PolicyChange = {
  kind: "lead",
  name: "title",
  change: "removed",
  text: "field title removed",
  breaking: true,
};
const fieldAdded: PolicyChange = {
  kind: "lead",
  name: "title",
  change: "added",
  text: "optional field title added (text)",
  breaking: false,
};
const requirementRemoved: PolicyChange = {
  kind: "stage",
  name: "MQL",
  part: "big",
  change: "removed",
  text: "requirement MQL.big removed",
};
const stageRemoved: PolicyChange = { kind: "stage", name: "SAL", change: "removed", text: "stage SAL removed" };

describe("bumpFor", () => {
  it("is minor when any lead changes stage", () => {
    expect(bumpFor({ name: "inbound", status: "changed", changes: [threshold], moved: 3 })).toEqual({
      level: "minor",
      reasons: ["inbound: 3 leads change stage"],
    });
  });

  it("is major when the lead schema breaks callers, whatever moved", () => {
    expect(bumpFor({ name: "inbound", status: "changed", changes: [threshold, fieldRemoved], moved: 3 })).toEqual({
      level: "major",
      reasons: ["inbound: field title removed"],
    });
  });

  it("is major when a stage (not one requirement of it) is removed, or the policy is", () => {
    expect(bumpFor({ name: "p", status: "changed", changes: [requirementRemoved], moved: 0 }).level).toBe("patch");
    expect(bumpFor({ name: "p", status: "changed", changes: [stageRemoved], moved: 1 }).level).toBe("major");
    expect(bumpFor({ name: "p", status: "removed", changes: [], moved: 0 }).level).toBe("major");
  });

  it("is patch for a compatible change that moves no lead, none for no change", () => {
    expect(bumpFor({ name: "p", status: "changed", changes: [fieldAdded, threshold], moved: 0 })).toEqual({
      level: "patch",
      reasons: ["p: policy changed, no lead changes stage"],
    });
    expect(bumpFor({ name: "p", status: "unchanged", changes: [], moved: 0 }).level).toBe("none");
    expect(bumpFor({ name: "p", status: "added", changes: [], moved: 0 }).level).toBe("minor");
  });
});

describe("combineBumps", () => {
  it("takes the highest level with the reasons that call for it", () => {
    expect(
      combineBumps([
        { level: "patch", reasons: ["a: policy changed, no lead changes stage"] },
        { level: "minor", reasons: ["b: 1 lead changes stage"] },
        { level: "minor", reasons: ["c: new policy"] },
        { level: "none", reasons: [] },
      ]),
    ).toEqual({ level: "minor", reasons: ["b: 1 lead changes stage", "c: new policy"] });
    expect(combineBumps([]).level).toBe("none");
  });
});

describe("bumpVersion", () => {
  it("bumps a semantic version, dropping a pre-release", () => {
    expect(["major", "minor", "patch", "none"].map((l) => bumpVersion("1.4.2", l as "major"))).toEqual([
      "2.0.0",
      "1.5.0",
      "1.4.3",
      "1.4.2",
    ]);
    expect(bumpVersion("2.0.0-rc.1", "patch")).toBe("2.0.1");
    expect(bumpVersion("v1", "patch")).toBeUndefined();
  });
});
