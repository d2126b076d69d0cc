import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { fixtures } from "../__fixtures__/helpers.js";
import { renderGoldenEntry, renderGoldenFile } from "./golden-file.js";

/**
 * Repositories often run prettier over every YAML file. If it reformatted golden files, a
 * `prettier --check` in CI would fail on them and `prettier --write` would churn them: so what
 * the writer produces must already be what prettier would print.
 */
async function unchangedByPrettier(text: string, printWidth: number): Promise<void> {
  expect(await prettier.format(text, { parser: "yaml", printWidth })).toBe(text);
}

const text = fc.oneof(
  fc.constantFrom(
    "MQL",
    "passed",
    "null",
    "yes",
    "2026-11-01",
    "1.4.0",
    "@acme/ops",
    `it's`,
    `say "hi"`,
    `both ' and "`,
    "a\\b",
    "tab\there",
    "line\nbreak",
    "",
  ),
  fc.string({ maxLength: 30 }),
);
const scalar = fc.oneof(
  text,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const decisionLike = fc.dictionary(
  text,
  fc.oneof(
    scalar,
    fc.array(text, { maxLength: 12 }),
    fc.dictionary(text, fc.oneof(scalar, fc.array(text, { maxLength: 4 })), { maxKeys: 4 }),
  ),
  { minKeys: 1, maxKeys: 6 },
);

describe("golden files and prettier", () => {
  it("prettier leaves generated golden files as they are, at its default width and at 120", async () => {
    await fc.assert(
      fc.asyncProperty(text, decisionLike, async (name, snapshot) => {
        const file = renderGoldenFile("topic.yaml", [renderGoldenEntry(name, snapshot)]);
        await unchangedByPrettier(file, 80);
        await unchangedByPrettier(file, 120);
      }),
      { numRuns: 200 },
    );
  });

  it("the committed fixture golden files are prettier-clean", async () => {
    for (const file of ["passing/basics.golden.yaml", "failing/changed.golden.yaml", "filters/mixed.golden.yaml"])
      await unchangedByPrettier(readFileSync(join(fixtures, file), "utf8"), 120);
  });
});
