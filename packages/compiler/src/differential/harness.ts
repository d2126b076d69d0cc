import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { checkPolicy, parsePolicy, type CheckedPolicy, type Diagnostic } from "@leadgate/language";
import type { Decision } from "@leadgate/runtime";
import { compilePolicy } from "../compile.js";
import { generateLead, generatePolicy, type GeneratedPolicy, type GeneratorOptions } from "./policy-generator.js";
import { Random } from "./random.js";
import { referenceEvaluate } from "./reference-evaluator.js";

/**
 * The differential run: generate a policy, check it, compile and import it exactly as shipped,
 * then evaluate random leads with the compiled module and with the reference interpreter and
 * compare every field of the two decisions.
 */

export interface CompiledModule {
  evaluate(lead: unknown, options: { asOf: string | Date }): Decision;
  evaluateJson(lead: unknown, options: { asOf: string | Date }): string;
  safeParseLead(input: unknown): { success: boolean; data?: unknown; issues?: unknown };
}

export interface Mismatch {
  readonly seed: number;
  readonly leadIndex: number;
  readonly policy: string;
  readonly lead: unknown;
  readonly asOf: string;
  readonly compiled: unknown;
  readonly reference: unknown;
  readonly differences: readonly string[];
}

export interface RunStats {
  policies: number;
  rejected: number;
  rejectedCodes: Record<string, number>;
  rejectedExamples: Array<{ seed: number; diagnostics: string[] }>;
  pairs: number;
  invalidLeads: number;
  invalidLeadExamples: Array<{ seed: number; lead: unknown; issues: unknown }>;
  mismatches: Mismatch[];
  /** Mismatching pairs, all of them (only the first few are kept in `mismatches`). */
  mismatchCount: number;
  compileMs: number;
  evaluateMs: number;
}

export interface RunOptions {
  readonly seed: number;
  readonly policies: number;
  readonly leadsPerPolicy: number;
  readonly generator?: GeneratorOptions;
  /** Keep at most this many mismatches in the stats (all are counted). */
  readonly keepMismatches?: number;
  /** Where compiled modules are written. */
  readonly dir?: string;
  /** Stop at the first policy with a mismatch. */
  readonly stopAtMismatch?: boolean;
  /** Called after each policy, e.g. to report progress. */
  readonly onPolicy?: (index: number, stats: RunStats) => void;
}

const moduleDir = join(tmpdir(), "leadgate-differential");

/** Compiles a checked policy and imports the module the compiler wrote. */
export async function compileAndImport(
  checked: CheckedPolicy,
  dir = moduleDir,
): Promise<{ module: CompiledModule; js: string; sourceHash: string }> {
  const compiled = compilePolicy(checked, {
    sourceName: "differential.gate",
    imports: { zod: import.meta.resolve("zod"), runtime: import.meta.resolve("@leadgate/runtime") },
  });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash("sha256").update(compiled.js).digest("hex").slice(0, 32)}.mjs`);
  writeFileSync(file, compiled.js);
  const module = (await import(pathToFileURL(file).href)) as CompiledModule;
  return { module, js: compiled.js, sourceHash: compiled.sourceHash };
}

export function checkGenerated(policy: GeneratedPolicy): {
  checked?: CheckedPolicy;
  diagnostics: readonly Diagnostic[];
} {
  const result = checkPolicy(parsePolicy(policy.text, "differential.gate"));
  return { checked: result.policy, diagnostics: result.diagnostics };
}

/** The seed of the lead stream of a policy: independent of how much the policy generator drew. */
export function leadSeed(policySeed: number): number {
  return (Math.imul(policySeed ^ 0x5bd1e995, 0x27d4eb2d) ^ 0x165667b1) >>> 0;
}

export async function runDifferential(options: RunOptions): Promise<RunStats> {
  const stats: RunStats = {
    policies: 0,
    rejected: 0,
    rejectedCodes: {},
    rejectedExamples: [],
    pairs: 0,
    invalidLeads: 0,
    invalidLeadExamples: [],
    mismatches: [],
    mismatchCount: 0,
    compileMs: 0,
    evaluateMs: 0,
  };
  const keep = options.keepMismatches ?? 5;
  // Modules go to a fresh folder, removed at the end: once imported, a module no longer needs its file.
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "leadgate-differential-"));
  try {
    await runPolicies(options, stats, keep, dir);
  } finally {
    if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
  }
  return stats;
}

async function runPolicies(options: RunOptions, stats: RunStats, keep: number, dir: string): Promise<void> {
  for (let i = 0; i < options.policies; i++) {
    const seed = (options.seed + i) >>> 0;
    const generated = generatePolicy(seed, options.generator);
    stats.policies++;
    const started = performance.now();
    const { checked, diagnostics } = checkGenerated(generated);
    if (!checked) {
      stats.rejected++;
      const errors = diagnostics.filter((d) => d.severity === "error");
      for (const code of new Set(errors.map((d) => d.code)))
        stats.rejectedCodes[code] = (stats.rejectedCodes[code] ?? 0) + 1;
      if (stats.rejectedExamples.length < 20) {
        stats.rejectedExamples.push({
          seed,
          diagnostics: errors.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`),
        });
      }
      options.onPolicy?.(i, stats);
      continue;
    }
    const { module, sourceHash } = await compileAndImport(checked, dir);
    const evaluateStarted = performance.now();
    stats.compileMs += evaluateStarted - started;
    const rng = new Random(leadSeed(seed));
    for (let j = 0; j < options.leadsPerPolicy; j++) {
      const { lead, asOf } = generateLead(generated, rng);
      const parsed = module.safeParseLead(lead);
      if (!parsed.success) {
        stats.invalidLeads++;
        if (stats.invalidLeadExamples.length < 5) stats.invalidLeadExamples.push({ seed, lead, issues: parsed.issues });
        continue;
      }
      let compiled: unknown;
      let reference: unknown;
      // The compiled evaluator also takes a Date (its UTC day): sometimes pass one, at either end of the day.
      const time = rng.weighted<string | undefined>([
        [4, undefined],
        [1, rng.pick(["T00:00:00.000Z", "T23:59:59.999Z", "T12:34:56Z"])],
      ]);
      const options = { asOf: time === undefined ? asOf : new Date(`${asOf}${time}`) };
      let json: string;
      try {
        compiled = module.evaluate(parsed.data, options);
      } catch (error) {
        compiled = { threw: String(error) };
      }
      try {
        json = module.evaluateJson(parsed.data, options);
      } catch (error) {
        json = `evaluateJson threw: ${String(error)}`;
      }
      try {
        reference = referenceEvaluate(checked, parsed.data, { asOf, sourceHash });
      } catch (error) {
        reference = { threw: String(error) };
      }
      stats.pairs++;
      const differences = diff(reference, compiled);
      // evaluateJson writes the same decision's JSON without building it: it must be JSON.stringify's, byte for byte.
      if (!("threw" in (compiled as object))) differences.push(...jsonDifference(JSON.stringify(compiled), json));
      if (differences.length > 0) {
        stats.mismatchCount++;
        if (stats.mismatches.length < keep) {
          stats.mismatches.push({
            seed,
            leadIndex: j,
            policy: generated.text,
            lead: parsed.data,
            asOf,
            compiled,
            reference,
            differences,
          });
        }
      }
    }
    stats.evaluateMs += performance.now() - evaluateStarted;
    options.onPolicy?.(i, stats);
    if (options.stopAtMismatch && stats.mismatchCount > 0) return;
  }
}

/** Where evaluateJson's text first departs from JSON.stringify's, if it does. */
export function jsonDifference(expected: string, actual: string): string[] {
  if (expected === actual) return [];
  let at = 0;
  while (at < expected.length && expected[at] === actual[at]) at++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 40), at + 40));
  return [
    `evaluateJson differs from JSON.stringify(evaluate) at character ${at}: ${around(actual)}, expected ${around(expected)}`,
  ];
}

/**
 * Paths where two JSON-like values differ: keys present on one side only, different primitives
 * (`Object.is`, so -0 and 0 differ), different array lengths. At most `limit` entries.
 */
export function diff(expected: unknown, actual: unknown, limit = 20): string[] {
  const out: string[] = [];
  const show = (v: unknown) => (v === undefined ? "undefined" : Object.is(v, -0) ? "-0" : JSON.stringify(v));
  const visit = (e: unknown, a: unknown, path: string): void => {
    if (out.length >= limit) return;
    if (Object.is(e, a)) return;
    const bothObjects = e !== null && a !== null && typeof e === "object" && typeof a === "object";
    if (!bothObjects || Array.isArray(e) !== Array.isArray(a)) {
      out.push(`${path || "(decision)"}: reference ${show(e)}, compiled ${show(a)}`);
      return;
    }
    if (Array.isArray(e) && Array.isArray(a) && e.length !== a.length) {
      out.push(`${path}: reference ${show(e)}, compiled ${show(a)}`);
      return;
    }
    const eo = e as Record<string, unknown>;
    const ao = a as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(eo), ...Object.keys(ao)])];
    if (Object.getPrototypeOf(eo) !== Object.getPrototypeOf(ao)) out.push(`${path}: different prototypes`);
    for (const key of keys) {
      const p = Array.isArray(e) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!Object.hasOwn(eo, key)) out.push(`${p}: only in compiled (${show(ao[key])})`);
      else if (!Object.hasOwn(ao, key)) out.push(`${p}: only in reference (${show(eo[key])})`);
      else visit(eo[key], ao[key], p);
    }
  };
  visit(expected, actual, "");
  return out;
}

/** A mismatch as text for the test log: the policy, the lead, both decisions and where they differ. */
export function describeMismatch(m: Mismatch): string {
  return [
    `=== mismatch: policy seed ${m.seed}, lead #${m.leadIndex}, asOf ${m.asOf}`,
    "--- differences (reference vs compiled):",
    ...m.differences.map((d) => `  ${d}`),
    "--- policy:",
    m.policy,
    "--- lead:",
    JSON.stringify(m.lead, null, 2),
    "--- reference decision:",
    JSON.stringify(m.reference, null, 2),
    "--- compiled decision:",
    JSON.stringify(m.compiled, null, 2),
  ].join("\n");
}
