import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { inlineYaml, toYaml, yamlString } from "./yaml-writer.js";

/** Plain data as decisions hold it: what JSON can carry, without undefined. */
const plainData = fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);

describe("the golden YAML writer", () => {
  it("writes YAML that reads back as the same value, for any plain data", () => {
    fc.assert(
      fc.property(plainData, (value) => {
        expect(parse(toYaml(value), { version: "1.2" })).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });

  it("reads back any text, however odd", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(parse(`key: ${yamlString(text)}\n`, { version: "1.2" })).toEqual({ key: text });
      }),
      { numRuns: 1000 },
    );
  });

  it("is deterministic: the same value gives the same bytes", () => {
    fc.assert(fc.property(plainData, (value) => toYaml(value) === toYaml(structuredClone(value))));
  });

  it("quotes what a YAML reader would take for something else", () => {
    expect(
      ["MQL", "null", "yes", "No", "2026-11-01", "1.0.0", "@acme/ops", "a: b", " x", "x ", "", "-1"].map(yamlString),
    ).toEqual([
      "MQL",
      '"null"',
      '"yes"',
      '"No"',
      '"2026-11-01"',
      '"1.0.0"',
      '"@acme/ops"',
      '"a: b"',
      '" x"',
      '"x "',
      '""',
      '"-1"',
    ]);
  });

  it("writes block mappings, lists of scalars inline and lists of mappings as blocks", () => {
    const value = {
      stage: "SQL",
      passed: ["budget", "need"],
      failed: [],
      parts: { demo: { points: 30 } },
      items: [{ a: 1, b: [2] }, 3],
      empty: {},
    };
    expect(toYaml(value)).toBe(
      [
        "stage: SQL",
        "passed: [budget, need]",
        "failed: []",
        "parts:",
        "  demo:",
        "    points: 30",
        "items:",
        "  - a: 1",
        "    b: [2]",
        "  - 3",
        "empty: {}",
        "",
      ].join("\n"),
    );
    expect(inlineYaml({ stage: "SQL", within: { amount: 1 } })).toBe("{stage: SQL, within: {amount: 1}}");
  });
});
