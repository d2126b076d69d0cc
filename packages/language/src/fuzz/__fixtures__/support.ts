import { readdirSync, readFileSync } from "node:fs";
import { expect } from "vitest";
import { checkPolicy, type CheckOptions } from "../../checker/check.js";
import type { CheckResult } from "../../checker/model.js";
import { DIAGNOSTICS, type Diagnostic } from "../../diagnostics.js";
import { parsePolicy, type ParseResult } from "../../parse.js";
import type { Position, Range, SourceFile } from "../../source.js";

/**
 * Shared checks of the fuzz suite: whatever text goes in, the lexer, parser and checker return
 * (never throw), and everything they report points inside the file.
 *
 * Runs are seeded so CI is reproducible. For a longer, differently seeded run (nightly, or while
 * hunting a bug) set LEADGATE_FUZZ_SEED and LEADGATE_FUZZ_SCALE (a multiplier of every numRuns):
 *
 *   LEADGATE_FUZZ_SEED=$RANDOM LEADGATE_FUZZ_SCALE=20 npx vitest run src/fuzz
 */

const envSeed = process.env["LEADGATE_FUZZ_SEED"];
const envScale = process.env["LEADGATE_FUZZ_SCALE"];

/** The base seed; each property adds its own offset so properties do not share inputs. */
export const FUZZ_SEED = envSeed !== undefined && envSeed !== "" ? Number(envSeed) : 20261122;
const SCALE = envScale !== undefined && envScale !== "" ? Math.max(0.01, Number(envScale)) : 1;

/** fast-check parameters for one property: a fixed seed per property, and a run count scaled by the environment. */
export function runs(numRuns: number, offset: number): { seed: number; numRuns: number; endOnFailure: boolean } {
  return { seed: FUZZ_SEED + offset, numRuns: Math.max(1, Math.round(numRuns * SCALE)), endOnFailure: true };
}

/** Generous per-test timeout (ms) for properties, scaled like the run counts. */
export function timeout(ms: number): number {
  return Math.round(ms * Math.max(1, SCALE));
}

export interface Analysis {
  readonly parsed: ParseResult;
  readonly checked: CheckResult;
}

/**
 * Parses and checks `text`, then asserts the invariants every input must satisfy. Returns the
 * results so callers can assert more.
 */
export function analyse(text: string, options: CheckOptions = {}): Analysis {
  const parsed = parsePolicy(text, "fuzz.gate");
  const source = parsed.source;
  expect(source.text).toBe(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  expectDiagnosticsInside(source, parsed.diagnostics);
  expectAstInside(source, parsed.ast);

  const checked = checkPolicy(parsed, options);
  expectDiagnosticsInside(source, checked.diagnostics);
  // A checked policy is returned exactly when there are no errors.
  const errors = checked.diagnostics.filter((d) => d.severity === "error");
  expect(checked.policy !== undefined, summary(errors).join(", ")).toBe(errors.length === 0);
  if (checked.policy) exerciseCheckedPolicy(checked);
  return { parsed, checked };
}

/** 0 ≤ start ≤ end ≤ text length, and line/column agree with `SourceFile.positionAt`. */
export function expectDiagnosticsInside(source: SourceFile, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const where = `${d.code} ${JSON.stringify(d.message)}`;
    expect(Object.keys(DIAGNOSTICS), `unknown diagnostic code: ${where}`).toContain(d.code);
    expect(["error", "warning", "info"], where).toContain(d.severity);
    expect(typeof d.message === "string" && d.message.length > 0, where).toBe(true);
    expectRangeInside(source, d.range, where);
  }
}

export function expectRangeInside(source: SourceFile, range: Range, where: string): void {
  const { start, end } = range;
  const ok =
    Number.isInteger(start.offset) &&
    Number.isInteger(end.offset) &&
    start.offset >= 0 &&
    start.offset <= end.offset &&
    end.offset <= source.text.length;
  // Plain checks first, `expect` only on failure: large files have hundreds of thousands of ranges.
  if (!ok) expect.fail(`${where}: range ${start.offset}..${end.offset} outside 0..${source.text.length}`);
  expectPosition(source, start, where);
  expectPosition(source, end, where);
}

function expectPosition(source: SourceFile, position: Position, where: string): void {
  const expected = source.positionAt(position.offset);
  if (expected.line !== position.line || expected.column !== position.column) {
    expect(position, `${where}: line/column disagree with positionAt(${position.offset})`).toEqual(expected);
  }
}

/** Every AST node with a range (and every comment) lies inside the file. */
function expectAstInside(source: SourceFile, root: object): void {
  const visit = (value: unknown, path: string): void => {
    if (value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`));
      return;
    }
    const record = value as Record<string, unknown>;
    if ("start" in record && "end" in record) return; // a range, checked by its owner
    const range = record["range"];
    if (range && typeof range === "object") expectRangeInside(source, range as Range, `AST node ${path}`);
    for (const [key, child] of Object.entries(record)) if (key !== "range") visit(child, `${path}.${key}`);
  };
  visit(root, "ast");
}

/**
 * What the compiler relies on in a checked policy: every path resolved, every list scope and
 * every bare `require <name>` recorded, and the derived views working on every expression.
 */
function exerciseCheckedPolicy(checked: CheckResult): void {
  const policy = checked.policy!;
  const visit = (value: unknown, path: string): void => {
    if (value === null || typeof value !== "object") return;
    if (Array.isArray(value)) return value.forEach((item, i) => visit(item, `${path}[${i}]`));
    const node = value as { kind?: string; range?: Range };
    if (node.kind === "Path" && !policy.references.has(node as never)) {
      expect.fail(`unresolved path ${path} '${policy.text(node as never)}'`);
    }
    const opensScope =
      node.kind === "Quantifier" || (node.kind === "ScoreLine" && (node as { mode?: string }).mode === "per");
    if (opensScope && !policy.itemScopes.has(node as never)) expect.fail(`no item scope for ${path}`);
    const bare = node.kind === "Requirement" && (node as { condition?: unknown }).condition === undefined;
    if (bare && !policy.requirementTargets.has(node as never)) expect.fail(`bare requirement ${path} names nothing`);
    for (const [key, child] of Object.entries(node)) if (key !== "range") visit(child, `${path}.${key}`);
  };
  visit(policy.ast, "ast");
  for (const expression of policy.types.keys()) {
    if (!Array.isArray(policy.optionalPaths(expression)) || typeof policy.text(expression) !== "string") {
      expect.fail(`derived views fail on '${policy.text(expression)}'`);
    }
  }
}

/** A stable summary of diagnostics, for comparing two runs or two spellings of the same file. */
export function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`);
}

// ------------------------------------------------------------ fixture policies

export interface Fixture {
  readonly name: string;
  readonly text: string;
}

const repoRoot = new URL("../../../../../", import.meta.url);

function gateFiles(dir: URL, label: string, extension = ".gate"): Fixture[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(extension));
  } catch {
    return [];
  }
  return names.sort().map((name) => ({ name: `${label}/${name}`, text: readFileSync(new URL(name, dir), "utf8") }));
}

/**
 * Every policy the repository has: the company's real criteria, the CLI's fixtures (including
 * the deliberately broken ones) and this suite's own, which cover every construct.
 */
export function fixturePolicies(): Fixture[] {
  return [
    ...gateFiles(new URL("criteria/policies/", repoRoot), "criteria/policies"),
    ...gateFiles(new URL("packages/cli/src/__fixtures__/", repoRoot), "cli/__fixtures__"),
    // `.gate.txt`, so repository-wide tools (formatters, `leadgate check`) leave the broken one alone.
    ...gateFiles(new URL("./", import.meta.url), "fuzz/__fixtures__", ".gate.txt"),
  ];
}

/** Text of the header of a valid policy: the start of hand-built test files. */
export const HEADER = `policy fuzz "Fuzz" {
  version "1.0.0"
  owner marketing "@acme/marketing"
  owner sales "@acme/sales"
  reviewed 2026-09-01
  review every 6 months
}
`;
