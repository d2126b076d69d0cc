import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPolicy, type PolicyModule } from "@leadgate/harness";
import type { Decision } from "@leadgate/runtime";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { readExampleCases } from "../diff/examples.js";
import { workTree } from "../diff/source-tree.js";
import { ByteSink } from "./byte-sink.js";
import { jsonTemplate, type JsonTemplate } from "./json-template.js";
import { sampleDecision } from "./sample-decision.js";

const top = fileURLToPath(new URL("../../../../", import.meta.url));

/**
 * Seeded, as the language package's fuzz suite is, with the same knobs for a longer or different
 * run: LEADGATE_FUZZ_SEED=$RANDOM LEADGATE_FUZZ_SCALE=50 npx vitest run src/eval/json-template
 */
function runs(numRuns: number, offset: number): { seed: number; numRuns: number; endOnFailure: boolean } {
  const seed = process.env["LEADGATE_FUZZ_SEED"];
  const scale = process.env["LEADGATE_FUZZ_SCALE"];
  return {
    seed: (seed ? Number(seed) : 20261201) + offset,
    numRuns: Math.max(1, Math.round(numRuns * (scale ? Math.max(0.01, Number(scale)) : 1))),
    endOnFailure: true,
  };
}

/** What the template writes for `value`, and what JSON.stringify writes, as bytes. */
function both(template: JsonTemplate, value: unknown, prefix = true): [string | undefined, string | undefined] {
  const sink = new ByteSink(16, prefix ? template.bytes : null);
  const written = template.write(value, sink) ? Buffer.from(sink.bytes()).toString("utf8") : undefined;
  const text = JSON.stringify(value) as string | undefined;
  return [written, text === undefined ? undefined : Buffer.from(text).toString("utf8")];
}

function expectSame(template: JsonTemplate, value: unknown): void {
  for (const prefix of [true, false]) {
    const [written, expected] = both(template, value, prefix);
    expect(written).toBe(expected);
  }
}

/** Every example case of every policy in examples/, with its policy's module and its decision. */
interface Evaluated {
  readonly name: string;
  readonly module: PolicyModule;
  readonly asOf: string;
  readonly decision: Decision;
}

let evaluated: Evaluated[] = [];
let skipped = 0;

beforeAll(async () => {
  const { cases } = await readExampleCases(workTree(top), ["examples"], top, (p) => p);
  const modules = new Map<string, PolicyModule>();
  evaluated = [];
  for (const item of cases) {
    if (item.policyPath === null || item.input.kind !== "json") continue;
    let module = modules.get(item.policyPath);
    if (module === undefined) {
      const loaded = await loadPolicy(readFileSync(join(top, item.policyPath), "utf8"), item.policyPath);
      if (!loaded.ok) throw new Error(`${item.policyPath} has errors`);
      module = loaded.module;
      modules.set(item.policyPath, module);
    }
    const parsed = module.safeParseLead(item.input.value);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    const decision = module.evaluate(parsed.data, { asOf: item.asOf });
    evaluated.push({ name: `${item.ref.source}: ${item.ref.name}`, module, asOf: item.asOf, decision });
  }
}, 60_000);

describe("jsonTemplate", () => {
  it("writes every example case's decision byte for byte as JSON.stringify", () => {
    expect(evaluated.length).toBeGreaterThan(50);
    expect(skipped).toBeLessThan(evaluated.length / 10);
    const templates = new Map<PolicyModule, JsonTemplate>();
    for (const { module, asOf, decision } of evaluated) {
      let template = templates.get(module);
      if (template === undefined) {
        template = jsonTemplate(sampleDecision(module, asOf, "policy"));
        templates.set(module, template);
      }
      expectSame(template, decision);
    }
    expect(new Set(templates.keys()).size).toBe(3);
  });

  it("writes any decision of a policy with any other as the template", () => {
    for (const { module, decision: sample } of evaluated) {
      const template = jsonTemplate(sample);
      for (const other of evaluated) if (other.module === module) expectSame(template, other.decision);
    }
  });

  it("writes decisions changed at random exactly as JSON.stringify: other values, keys, orders, kinds", () => {
    const decisions = evaluated.map((e) => e.decision);
    fc.assert(
      fc.property(
        fc.nat(decisions.length - 1),
        fc.nat(decisions.length - 1),
        fc.array(fc.tuple(fc.nat(), edit), { minLength: 1, maxLength: 6 }),
        (s, v, edits) => {
          const value = copy(decisions[v]);
          for (const [at, change] of edits) applyAt(value, at, change);
          expectSame(jsonTemplate(decisions[s]!), value);
        },
      ),
      runs(400, 1),
    );
  });

  it("writes any value with any sample exactly as JSON.stringify", () => {
    fc.assert(
      fc.property(jsonish, jsonish, (sample, value) => {
        expectSame(jsonTemplate(sample), value);
        expectSame(jsonTemplate(value), value);
      }),
      runs(500, 2),
    );
  });

  it("leaves out what JSON.stringify leaves out, and throws where it throws", () => {
    const template = jsonTemplate({ a: 1, b: { c: [] } });
    expect(both(template, undefined)).toEqual([undefined, undefined]);
    expect(both(template, () => 1)).toEqual([undefined, undefined]);
    expectSame(template, { a: undefined, b: { c: [undefined, () => 1, Symbol("s")] } });
    expectSame(template, { a: 1, b: { c: [], d: undefined } });
    expect(() => template.write({ a: 10n, b: { c: [] } }, new ByteSink(16))).toThrow(TypeError);
    const loop: unknown[] = [1];
    loop.push([loop]);
    expect(() => JSON.stringify({ a: 1, b: { c: loop } })).toThrow(TypeError);
    expect(() => template.write({ a: 1, b: { c: loop } }, new ByteSink(16))).toThrow(TypeError);
    const self: Record<string, unknown> = { c: [] };
    expect(() => template.write({ a: self, b: self }, new ByteSink(16))).not.toThrow();
    self.c = self;
    expect(() => template.write({ a: 1, b: self }, new ByteSink(16))).toThrow(TypeError);
  });

  it("gives a toJSON method the key JSON.stringify gives it", () => {
    const template = jsonTemplate({ a: 1, b: { c: [1] }, d: null });
    const keyed = { toJSON: (key: string) => `key ${key}` };
    expectSame(template, { a: keyed, b: { c: [1] }, d: null });
    expectSame(template, { a: 1, b: { c: [1, keyed, 3] }, d: null });
    expectSame(template, { a: 1, b: { c: [1] }, d: keyed });
    expectSame(template, { a: 1, b: keyed, d: null });
    expectSame(template, keyed);
    expectSame(template, { a: 1, b: { c: [1] }, d: { toJSON: () => undefined } });
  });

  it("calls toJSON where JSON.stringify does, own or inherited", () => {
    const template = jsonTemplate({ a: { b: 1 }, c: [] });
    const hidden = { b: 1 };
    Object.defineProperty(hidden, "toJSON", { value: () => "hidden", enumerable: false });
    expectSame(template, { a: hidden, c: [] });
    expectSame(template, { a: new Date(0), c: Object.assign([], { toJSON: () => "list" }) });
    const prototype = Object.prototype as { toJSON?: () => string };
    prototype.toJSON = () => "everything";
    try {
      expectSame(template, { a: { b: 1 }, c: [] });
    } finally {
      delete prototype.toJSON;
    }
    expectSame(template, { a: { b: 1 }, c: [] });
  });
});

/** A change made at one place in a value. */
type Edit =
  | { readonly kind: "set"; readonly value: unknown }
  | { readonly kind: "delete" }
  | { readonly kind: "add"; readonly key: string; readonly value: unknown }
  | { readonly kind: "reverse" };

const text = fc.oneof(
  fc.constantFrom("passed", "failed", "missing", "MQL", "", "é", "😀", "\ud800", '"', "\\", "\n", "\u007f"),
  fc.string({ unit: "binary", maxLength: 8 }),
);
const scalar = fc.oneof(
  text,
  fc.double(),
  fc.constantFrom(0, -0, 1, 42, 2.5, 1e21, -1e-7, NaN, Infinity, -Infinity),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const jsonish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, scalar, tie("list"), tie("record"), tie("odd")),
  list: fc.array(tie("value"), { maxLength: 4 }),
  record: fc.dictionary(fc.oneof(text, fc.constantFrom("0", "1", "10", "a")), tie("value"), { maxKeys: 4 }),
  odd: fc.constantFrom<unknown>(
    new Date(0),
    Object.create(null) as unknown,
    new Map(),
    [, 1],
    () => 1,
    Symbol("s"),
    { toJSON: (key: string) => `key ${key}` },
    { toJSON: () => undefined },
  ),
})).value;

const edit: fc.Arbitrary<Edit> = fc.oneof(
  jsonish.map((value) => ({ kind: "set" as const, value })),
  fc.constant({ kind: "delete" as const }),
  fc.tuple(fc.oneof(text, fc.constantFrom("0", "status")), jsonish).map(([key, value]) => ({
    kind: "add" as const,
    key,
    value,
  })),
  fc.constant({ kind: "reverse" as const }),
);

/** Applies a change to the `at`-th object or list in the value (counted in a walk, modulo their number). */
function applyAt(value: unknown, at: number, change: Edit): void {
  const places: Array<Record<string, unknown>> = [];
  (function walk(v: unknown): void {
    if (typeof v !== "object" || v === null || !(Object.getPrototypeOf(v) === Object.prototype || Array.isArray(v)))
      return;
    places.push(v as Record<string, unknown>);
    for (const item of Object.values(v)) walk(item);
  })(value);
  const place = places[at % places.length]!;
  const keys = Object.keys(place);
  const key = keys[at % Math.max(1, keys.length)];
  switch (change.kind) {
    case "set":
      if (key !== undefined) place[key] = copy(change.value);
      break;
    case "delete":
      if (key !== undefined) delete place[key];
      break;
    case "add":
      place[change.key] = copy(change.value);
      break;
    case "reverse": {
      const entries = Object.entries(place).reverse();
      for (const k of keys) delete place[k];
      for (const [k, v] of entries) place[k] = v;
      break;
    }
  }
}

/**
 * A copy of the plain objects and lists in a value (holes kept), so that edits never change a
 * generated value, which fast-check may use again.
 */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) {
    const list = new Array<unknown>(value.length);
    value.forEach((item, i) => (list[i] = copy(item)));
    return list;
  }
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const record: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) record[key] = copy(item);
    return record;
  }
  return value;
}
