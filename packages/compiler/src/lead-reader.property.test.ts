import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { checkOneSided, watch, type Watched } from "./__fixtures__/fast-path.js";
import { checkGenerated, compileAndImport, leadSeed } from "./differential/harness.js";
import { generateLead, generatePolicy, type GeneratedPolicy } from "./differential/policy-generator.js";
import { Random } from "./differential/random.js";

/**
 * The fast path of safeParseLead against zod, on random policies (the differential run's
 * generator) and random leads for them, mutated at random: wrong types, extra and missing keys,
 * null, undefined, NaN, -0, huge numbers, impossible dates, odd emails, arrays for objects and the
 * reverse, holes, own __proto__ keys, objects JSON.parse does not make. Two properties:
 *
 * - one-sided: whenever the fast path answers, zod accepts the same input and returns strictly the
 *   same data (key order, absent vs undefined keys, -0), built from new objects;
 * - fast: for every lead that is plain JSON (the input, sent through JSON.stringify and JSON.parse)
 *   and that zod accepts, the fast path answers.
 *
 * A fixed seed keeps CI reproducible; set LEADGATE_FAST_PATH_SEED (and LEADGATE_FAST_PATH_RUNS)
 * to explore further. fast-check prints the seed and the shrunk counterexample of a failure.
 */

const SEED = Number(process.env["LEADGATE_FAST_PATH_SEED"] ?? 20_261_122);
const RUNS = Number(process.env["LEADGATE_FAST_PATH_RUNS"] ?? 1500);
const POLICIES = 24;

interface Subject {
  readonly generated: GeneratedPolicy;
  readonly watched: Watched;
}

const subjects: Subject[] = [];

beforeAll(async () => {
  for (let seed = SEED; subjects.length < POLICIES; seed++) {
    const generated = generatePolicy(seed);
    const { checked } = checkGenerated(generated);
    if (!checked) continue; // a requirement a static bound proves always or never true: rare, see harness.ts
    const { module } = await compileAndImport(checked);
    subjects.push({ generated, watched: watch(module as Parameters<typeof watch>[0]) });
  }
}, 60_000);

// ------------------------------------------------------------ mutations

const ODD_EMAILS = [
  "a@b.c",
  "a..b@x.io",
  ".a@x.io",
  "a@-x.io",
  "a@x-.io",
  "ü@x.io",
  "a@x.io\n",
  " a@x.io",
  "@x.io",
  "a@x",
];
const EDGE_DATES = ["2026-02-30", "2026-02-29", "2024-02-29", "2100-02-29", "2000-02-29", "2026-13-01", "2026-1-01"];
const MORE_DATES = ["2026-04-31", "0000-01-01", "2026-01-01T00:00:00Z", "2026-01-01 ", "20260101", ""];
const EDGE_NUMBERS = [
  -0,
  Number.NaN,
  Infinity,
  -Infinity,
  2 ** 53,
  -(2 ** 53),
  2 ** 53 - 1,
  1.5,
  1e308,
  -1e-300,
  0,
  -1,
];

/** Values of every kind, for a field that expects something else. */
const VALUES: readonly unknown[] = [
  null,
  undefined,
  "",
  "text",
  "ann@acme.com",
  "2026-10-01",
  true,
  false,
  0,
  1,
  -0,
  Number.NaN,
  Infinity,
  2 ** 53,
  1.25,
  [],
  [{}],
  {},
  { length: 0 },
  ...ODD_EMAILS.slice(0, 3),
  ...EDGE_DATES.slice(0, 3),
];

const EXTRA_KEYS = ["extra", "__proto__", "constructor", "toString", "hasOwnProperty", "Email", "0", "length"];

type Mutation = { readonly kind: (typeof KINDS)[number]; readonly at: number; readonly pick: number };
const KINDS = ["replace", "delete", "edge", "extra", "reorder", "wrap", "reshape", "sparse", "exotic"] as const;

/** One place in the lead: a value and the object or array holding it. */
interface Place {
  readonly holder: Record<string, unknown>;
  readonly key: string;
}

function places(box: Record<string, unknown>): Place[] {
  const out: Place[] = [];
  const visit = (holder: Record<string, unknown>) => {
    for (const key of Object.keys(holder)) {
      out.push({ holder, key });
      const value = holder[key];
      if (typeof value === "object" && value !== null) visit(value as Record<string, unknown>);
    }
  };
  visit(box);
  return out;
}

function pickOf<T>(items: readonly T[], n: number): T {
  return items[n % items.length]!;
}

/** A value from VALUES, its objects fresh: shared ones would carry mutations from run to run, even cycles. */
function valueOf(n: number): unknown {
  return structuredClone(pickOf(VALUES, n));
}

/** Objects and arrays JSON.parse never makes, holding the same data. */
function exotic(value: object, n: number): unknown {
  if (Array.isArray(value)) {
    class Items extends Array<unknown> {}
    return pickOf<() => unknown>(
      [
        () => Object.freeze([...value]),
        () => Object.assign([...value], { extra: 1 }),
        () => Items.from(value),
        () => ({ ...value, length: value.length }),
      ],
      n,
    )();
  }
  class Lead {}
  const copy = { ...value } as Record<string, unknown>;
  return pickOf<() => unknown>(
    [
      () => Object.assign(Object.create(null) as object, copy),
      () => Object.assign(new Lead(), copy),
      () => Object.create(copy) as unknown,
      () => Object.freeze(copy),
      () =>
        Object.defineProperties(
          {},
          Object.fromEntries(Object.keys(copy).map((k) => [k, { get: () => copy[k], enumerable: true }])),
        ),
      () => Object.assign(new Date(0), copy),
      () => new Proxy(copy, {}),
    ],
    n,
  )();
}

/**
 * Applies a mutation in place, to the lead inside `box`. Through Reflect, so that a frozen object
 * an earlier mutation made is left as it is instead of throwing.
 */
function mutate(box: Record<string, unknown>, m: Mutation): void {
  const { holder, key } = pickOf(places(box), m.at);
  const value = holder[key];
  const set = (v: unknown) => Reflect.set(holder, key, v);
  switch (m.kind) {
    case "replace":
      set(valueOf(m.pick));
      return;
    case "delete":
      if (holder !== box) Reflect.deleteProperty(holder, key);
      return;
    case "edge":
      if (typeof value === "number") set(pickOf(EDGE_NUMBERS, m.pick));
      else if (typeof value === "string" && value.includes("@")) set(pickOf(ODD_EMAILS, m.pick));
      else if (typeof value === "string" && /^\d{4}-/.test(value)) set(pickOf([...EDGE_DATES, ...MORE_DATES], m.pick));
      else if (typeof value === "string")
        set(pickOf([value.toUpperCase(), ` ${value}`, `${value}\n`, new String(value)], m.pick));
      else if (typeof value === "boolean") set(pickOf([0, 1, "true", null], m.pick));
      else set(valueOf(m.pick));
      return;
    case "extra":
      // defineProperty makes an own `__proto__` key, as JSON.parse does, instead of setting the prototype.
      const extra = pickOf(EXTRA_KEYS, m.pick);
      // An array's length only takes a valid length.
      if (typeof value === "object" && value !== null && !(Array.isArray(value) && extra === "length")) {
        Reflect.defineProperty(value, extra, {
          value: valueOf(m.pick >> 3),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return;
    case "reorder":
      if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        set(Object.fromEntries(Object.entries(value).reverse()));
      }
      return;
    case "wrap":
      set([value]);
      return;
    case "reshape":
      if (Array.isArray(value)) set({ ...value });
      else if (typeof value === "object" && value !== null) set(Object.values(value));
      return;
    case "sparse":
      if (Array.isArray(value) && value.length > 0 && m.pick % 2 === 0)
        Reflect.deleteProperty(value, m.pick % value.length);
      else if (Array.isArray(value)) Reflect.set(value, "length", value.length + 1);
      return;
    case "exotic":
      if (typeof value === "object" && value !== null) set(exotic(value, m.pick));
      return;
  }
}

/** The input as plain JSON, or undefined when JSON cannot hold it. */
function throughJson(input: unknown): unknown {
  try {
    const text = JSON.stringify(input);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...KINDS),
  at: fc.nat(),
  pick: fc.nat(),
});

// ------------------------------------------------------------ properties

describe("safeParseLead's fast path against zod, on random policies and mutated leads", () => {
  it("answers only as zod would, and answers for every valid JSON lead", () => {
    const tally = { inputs: 0, fast: 0, zodAccepts: 0 };
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.array(mutationArb, { maxLength: 4 }), (which, leadIndex, mutations) => {
        const { generated, watched } = subjects[which % subjects.length]!;
        const rng = new Random(leadSeed(generated.seed) + leadIndex);
        const box: Record<string, unknown> = { lead: generateLead(generated, rng).lead };
        const unmutated = watched.safeParseLead(box["lead"]);
        // The generator's leads are valid: the fast path must take every one.
        expect(unmutated.fast, "an unmutated generated lead went to zod").toBe(true);
        for (const m of mutations) mutate(box, m);
        for (const input of [box["lead"], throughJson(box["lead"])]) {
          const { problems, fast } = checkOneSided(watched, input);
          expect(problems).toEqual([]);
          tally.inputs++;
          if (fast) tally.fast++;
          if (watched.zod(input).success) tally.zodAccepts++;
        }
        const json = throughJson(box["lead"]);
        if (json !== undefined && watched.zod(json).success) {
          expect(watched.safeParseLead(json).fast, "a valid JSON lead went to zod").toBe(true);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`fast path: ${JSON.stringify(tally)}`);
    // The mutations reach both paths: plenty of leads stay valid and go fast, plenty become invalid,
    // and some stay valid in objects JSON.parse does not make, which are left to zod.
    expect(tally.fast).toBeGreaterThan(tally.inputs * 0.2);
    expect(tally.inputs - tally.zodAccepts).toBeGreaterThan(tally.inputs * 0.2);
    expect(tally.zodAccepts - tally.fast).toBeGreaterThan(0);
  }, 60_000);
});
