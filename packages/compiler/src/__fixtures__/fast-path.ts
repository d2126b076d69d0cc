/**
 * Helpers for testing the generated lead reader (lead-reader.ts), the fast path of `safeParseLead`,
 * against zod on the module the compiler emitted.
 */

interface SafeParse {
  safeParse(input: unknown): { success: boolean; data?: unknown };
}

interface ParsingModule {
  safeParseLead(input: unknown): { success: boolean; data?: unknown; issues?: unknown };
  LeadSchema?: unknown;
}

export interface Watched {
  /** `safeParseLead(input)`, and whether the fast path answered (zod was not asked). */
  safeParseLead(input: unknown): { result: ReturnType<ParsingModule["safeParseLead"]>; fast: boolean };
  /** zod alone: `LeadSchema.safeParse(input)`. */
  zod(input: unknown): { success: boolean; data?: unknown };
}

/** Counts the module's calls to `LeadSchema.safeParse`, so a test can tell which path answered. */
export function watch(module: ParsingModule): Watched {
  const schema = module.LeadSchema as SafeParse;
  const original = schema.safeParse.bind(schema);
  let calls = 0;
  // An own property shadows zod's prototype method; the module looks it up at every call.
  schema.safeParse = (input: unknown) => {
    calls++;
    return original(input);
  };
  return {
    safeParseLead(input) {
      const before = calls;
      const result = module.safeParseLead(input);
      return { result, fast: calls === before };
    },
    zod: original,
  };
}

/**
 * Where two parsed leads differ, strictly: prototypes, own keys in order (so `{ a: undefined }` and
 * `{}` differ, and so does key order), accessors, and primitives by `Object.is` (so `-0` and `0`
 * differ). Empty when they are the same.
 */
export function strictDifferences(expected: unknown, actual: unknown, path = "lead"): string[] {
  if (Object.is(expected, actual)) return [];
  if (typeof expected !== "object" || typeof actual !== "object" || expected === null || actual === null) {
    return [`${path}: expected ${show(expected)}, got ${show(actual)}`];
  }
  if (Object.getPrototypeOf(expected) !== Object.getPrototypeOf(actual)) return [`${path}: different prototypes`];
  const expectedKeys = Reflect.ownKeys(expected).map(String);
  const actualKeys = Reflect.ownKeys(actual).map(String);
  if (expectedKeys.join("\u0000") !== actualKeys.join("\u0000")) {
    return [`${path}: keys ${JSON.stringify(expectedKeys)} expected, got ${JSON.stringify(actualKeys)}`];
  }
  const out: string[] = [];
  for (const key of expectedKeys) {
    const e = Object.getOwnPropertyDescriptor(expected, key)!;
    const a = Object.getOwnPropertyDescriptor(actual, key)!;
    if (!("value" in e) || !("value" in a)) out.push(`${path}.${key}: an accessor`);
    else out.push(...strictDifferences(e.value, a.value, `${path}.${key}`));
  }
  return out;
}

/** Every object and array reachable from `value` through own data properties, without running getters. */
export function objectsIn(value: unknown): Set<object> {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next !== "object" || next === null || seen.has(next)) continue;
    seen.add(next);
    for (const key of Reflect.ownKeys(next)) {
      const descriptor = Object.getOwnPropertyDescriptor(next, key);
      if (descriptor && "value" in descriptor) stack.push(descriptor.value);
    }
  }
  return seen;
}

/**
 * The property the fast path must keep: whenever it answers, zod accepts the same input and
 * returns strictly the same data, built from new objects. Returns what is wrong (empty when
 * nothing is) and whether the fast path answered.
 */
export function checkOneSided(watched: Watched, input: unknown): { problems: string[]; fast: boolean } {
  const { result, fast } = watched.safeParseLead(input);
  if (!fast) return { problems: [], fast };
  const zod = watched.zod(input);
  if (!result.success) return { problems: ["the fast path answered with a failure"], fast };
  if (!zod.success) return { problems: ["the fast path accepted a lead zod rejects"], fast };
  const problems = strictDifferences(zod.data, result.data);
  const inputObjects = objectsIn(input);
  for (const object of objectsIn(result.data)) {
    if (inputObjects.has(object)) problems.push("the fast path returned an object of the input");
  }
  return { problems, fast };
}

function show(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number" && Object.is(value, -0)) return "-0";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
