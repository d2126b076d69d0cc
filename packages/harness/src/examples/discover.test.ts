import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverExampleFiles, goldenPathFor } from "./discover.js";

function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "leadgate-discover-"));
  for (const file of files) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), "cases: []\n");
  }
  return root;
}

describe("finding example files", () => {
  it("walks folders for .yaml and .yml, skipping golden files, defaults, node_modules and dot-folders", () => {
    const root = tree([
      "examples/b.yaml",
      "examples/a.yml",
      "examples/a.golden.yaml",
      "examples/b.golden.yaml",
      "examples/_defaults.yaml",
      "examples/nested/c.yaml",
      "examples/notes.md",
      "examples/node_modules/d.yaml",
      "examples/.cache/e.yaml",
      "examples/gone.golden.yaml",
    ]);
    const found = discoverExampleFiles(["examples"], root);
    expect(found.examples.map((p) => p.slice(root.length + 1))).toEqual([
      "examples/a.yml",
      "examples/b.yaml",
      "examples/nested/c.yaml",
    ]);
    expect(found.orphanGoldens.map((p) => p.slice(root.length + 1))).toEqual(["examples/gone.golden.yaml"]);
  });

  it("accepts example files named directly, once each", () => {
    const root = tree(["x/one.yaml"]);
    expect(discoverExampleFiles(["x/one.yaml", "x"], root).examples).toEqual([join(root, "x/one.yaml")]);
  });

  it("refuses paths that are not examples", () => {
    const root = tree(["x/one.golden.yaml", "x/_defaults.yaml", "empty/readme.md"]);
    expect(() => discoverExampleFiles(["missing"], root)).toThrow("Path not found: missing");
    expect(() => discoverExampleFiles(["empty"], root)).toThrow("No example files (*.yaml, *.yml) in empty");
    expect(() => discoverExampleFiles(["x/one.golden.yaml"], root)).toThrow("x/one.golden.yaml is not an example file");
  });

  it("puts the golden file beside its example file", () => {
    expect(goldenPathFor(join("a", "topic.yaml"))).toBe(join("a", "topic.golden.yaml"));
    expect(goldenPathFor(join("a", "topic.yml"))).toBe(join("a", "topic.golden.yaml"));
  });
});
