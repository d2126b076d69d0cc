import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readExampleCases } from "./examples.js";
import { workTree } from "./source-tree.js";

function repo(files: Record<string, string>): string {
  const top = mkdtempSync(join(tmpdir(), "leadgate-examples-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(top, path, ".."), { recursive: true });
    writeFileSync(join(top, path), text);
  }
  return top;
}

describe("readExampleCases", () => {
  it("reads each case's lead, policy (relative to its file) and asOf, with folder defaults", async () => {
    const top = repo({
      "examples/inbound/_defaults.yaml": "policy: ../../criteria/inbound.gate\nasOf: 2026-01-01\n",
      "examples/inbound/basics.yaml": [
        "asOf: 2026-11-01",
        "cases:",
        "  - name: first",
        "    why: x",
        "    lead: { employees: 5 }",
        "  - name: second",
        "    why: y",
        "    asOf: 2026-12-24",
        "    policy: ../../criteria/other.gate",
        "    lead:",
        "      employees: 7",
      ].join("\n"),
      "examples/inbound/basics.golden.yaml": "first: {}\n",
      "examples/.hidden/skip.yaml": "cases: []\n",
    });
    const read = await readExampleCases(workTree(top), ["examples"], top, (p) => p);
    expect(read.unreadable).toEqual([]);
    expect(read.cases).toEqual([
      {
        ref: { source: "examples/inbound/basics.yaml", line: 3, name: "first" },
        policyPath: "criteria/inbound.gate",
        asOf: "2026-11-01",
        input: { kind: "json", value: { employees: 5 } },
      },
      {
        ref: { source: "examples/inbound/basics.yaml", line: 6, name: "second" },
        policyPath: "criteria/other.gate",
        asOf: "2026-12-24",
        input: { kind: "json", value: { employees: 7 } },
      },
    ]);
  });

  it("lists what it cannot evaluate instead of dropping it", async () => {
    const top = repo({
      "examples/bad.yaml": "cases: [\n",
      "examples/partial.yaml": "cases:\n  - name: no date\n    policy: ../p.gate\n    lead: {}\n  - name: no lead\n",
    });
    const read = await readExampleCases(workTree(top), ["examples"], top, (p) => p);
    expect(read.cases).toEqual([]);
    expect(read.unreadable.map((u) => [u.ref.source, u.ref.name, u.reason.split(":")[0]])).toEqual([
      ["examples/bad.yaml", "(whole file)", "line 2"],
      ["examples/partial.yaml", "no date", "the case has no valid `asOf` date"],
      ["examples/partial.yaml", "no lead", "the case has no `lead`"],
    ]);
  });

  it("finds no cases where there is no examples folder", async () => {
    expect(await readExampleCases(workTree(repo({})), ["examples"], "/nowhere", (p) => p)).toEqual({
      cases: [],
      unreadable: [],
    });
  });
});
