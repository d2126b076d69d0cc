import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parsePolicy } from "@leadgate/language";
import { expect } from "vitest";
import { formatPolicy } from "../format.js";

/**
 * What every formatter test checks: the meaning is kept (the AST, positions aside, is the same),
 * every comment is kept, and formatting the result again changes nothing.
 */

const envSeed = process.env["LEADGATE_FUZZ_SEED"];
const envScale = process.env["LEADGATE_FUZZ_SCALE"];
const SEED = envSeed !== undefined && envSeed !== "" ? Number(envSeed) : 20261122;
const SCALE = envScale !== undefined && envScale !== "" ? Math.max(0.01, Number(envScale)) : 1;

/**
 * fast-check parameters for one property, seeded so CI is reproducible. As in the language's fuzz
 * suite, LEADGATE_FUZZ_SEED and LEADGATE_FUZZ_SCALE (a multiplier of the run count) give a longer,
 * differently seeded run: `LEADGATE_FUZZ_SEED=$RANDOM LEADGATE_FUZZ_SCALE=20 npx vitest run`.
 */
export function runs(numRuns: number, offset: number): { seed: number; numRuns: number; endOnFailure: boolean } {
  return { seed: SEED + offset, numRuns: Math.max(1, Math.round(numRuns * SCALE)), endOnFailure: true };
}

/** A per-test timeout (ms) that grows with the run count. */
export function timeout(ms: number): number {
  return Math.round(ms * Math.max(1, SCALE));
}

export const fixturesDir = fileURLToPath(new URL(".", import.meta.url));
const repositoryRoot = fileURLToPath(new URL("../../../../", import.meta.url));

export function format(text: string, printWidth = 80): Promise<string> {
  return formatPolicy(text, { printWidth });
}

/** The policy's syntax tree without source positions and comments: what the policy means. */
export function meaning(text: string): unknown {
  const parsed = parsePolicy(text, "test.gate");
  expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return withoutPositions(parsed.ast);
}

function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key !== "range" && key !== "comments") copy[key] = withoutPositions(inner);
  }
  return copy;
}

/** Every comment's text (without trailing spaces, which the formatter removes), sorted. */
export function comments(text: string): string[] {
  return parsePolicy(text, "test.gate")
    .ast.comments.map((c) => c.text.trimEnd())
    .sort();
}

/** Formats `text` and checks meaning, comments and idempotence; returns the formatted text. */
export async function expectSafeFormat(text: string, printWidth = 80): Promise<string> {
  const formatted = await format(text, printWidth);
  expect(meaning(formatted), "the formatted policy means the same").toEqual(meaning(text));
  expect(comments(formatted), "every comment is kept").toEqual(comments(text));
  expect(await format(formatted, printWidth), "a second pass changes nothing").toBe(formatted);
  return formatted;
}

/** The input/output pairs: `name.input.gate` formats to `name.output.gate`. */
export function fixturePairs(): Array<{ name: string; input: string; output: string }> {
  return readdirSync(fixturesDir)
    .filter((file) => file.endsWith(".input.gate"))
    .sort()
    .map((file) => {
      const name = file.slice(0, -".input.gate".length);
      return {
        name,
        input: readFileSync(`${fixturesDir}${file}`, "utf8"),
        output: readFileSync(`${fixturesDir}${name}.output.gate`, "utf8"),
      };
    });
}

/** The repository's real policies, which must survive formatting like any fixture. */
export function criteriaPolicies(): Array<{ name: string; text: string }> {
  const dir = `${repositoryRoot}criteria/policies/`;
  return readdirSync(dir)
    .filter((file) => file.endsWith(".gate"))
    .sort()
    .map((file) => ({ name: `criteria/policies/${file}`, text: readFileSync(`${dir}${file}`, "utf8") }));
}

/**
 * Offsets where a comment can be inserted without changing what the policy says: between two
 * tokens (whitespace, or either side of punctuation such as `,` `[` `:` `.`), never inside text
 * in quotes, an existing comment, a name, a number or a two-character operator.
 */
export function commentSlots(text: string): number[] {
  const slots: number[] = [];
  const punctuation = new Set([",", "[", "]", "(", ")", "{", "}", ":", "?"]);
  const pathDot = (i: number) => text[i] === "." && /[A-Za-z_]/.test(text[i + 1] ?? "");
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      slots.push(i);
      for (i++; i < text.length && text[i] !== '"' && text[i] !== "\n"; i++) if (text[i] === "\\") i++;
      slots.push(i + 1);
    } else if (ch === "#") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (ch === " " || ch === "\n" || punctuation.has(ch) || pathDot(i)) {
      slots.push(i);
      if (ch !== " " && ch !== "\n") slots.push(i + 1);
    }
  }
  return [...new Set(slots)].filter((offset) => offset <= text.length);
}

/** Inserts `# cN` comments at the given slots, on their own line or at the end of a line. */
export function insertComments(text: string, inserts: ReadonlyArray<{ slot: number; ownLine: boolean }>): string {
  const slots = commentSlots(text);
  if (slots.length === 0) return text;
  const chosen = inserts
    .map((insert, n) => ({ offset: slots[insert.slot % slots.length]!, ownLine: insert.ownLine, n }))
    .sort((a, b) => b.offset - a.offset);
  let result = text;
  for (const { offset, ownLine, n } of chosen) {
    const comment = ownLine ? `\n# c${n}\n` : ` # c${n}\n`;
    result = result.slice(0, offset) + comment + result.slice(offset);
  }
  return result;
}
