import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { FieldDeclaration, FieldInfo, LgType, RecordType } from "@leadgate/language";
import { describe, expect, it } from "vitest";
import { isIsoDate } from "@leadgate/runtime";
import fc from "fast-check";
import { z } from "zod";
import { CodeWriter } from "./code-writer.js";
import { checkOneSided, watch, type Watched } from "./__fixtures__/fast-path.js";
import { HEADER, compileText, load, type TestModule } from "./__fixtures__/compile-for-test.js";
import { jsString } from "./js-literals.js";
import { writeLeadReader } from "./lead-reader.js";
import { nameRecords, zodRecord } from "./lead-schema.js";

/**
 * The generated lead reader, safeParseLead's fast path (lead-reader.ts). It must never answer
 * differently from zod, and must answer for every valid lead JSON.parse gives. The first block pins
 * the zod 4 behaviour it copies, so a zod upgrade that changes any of it fails here first.
 */

describe("zod 4 behaviour the reader copies", () => {
  const schema = z.object({ a: z.string(), b: z.string().nullish(), c: z.int().nullish() });
  const keys = (input: unknown) => Object.keys(schema.parse(input) as object);

  it("outputs the schema's keys in the schema's order, whatever the input's, and strips the rest", () => {
    expect(keys({ x: 1, c: 1, b: "b", a: "a" })).toEqual(["a", "b", "c"]);
  });

  it("leaves an absent optional key out, and keeps one that is present as undefined or null", () => {
    expect(schema.parse({ a: "a" })).toStrictEqual({ a: "a" });
    const present = schema.parse({ a: "a", b: undefined, c: null });
    expect(Object.keys(present)).toEqual(["a", "b", "c"]);
    expect(present).toStrictEqual({ a: "a", b: undefined, c: null });
    expect(schema.safeParse({ a: undefined }).success).toBe(false);
  });

  it("takes any non-array object, reading fields through the prototype and through getters", () => {
    class Lead {
      a = "a";
    }
    const bare = Object.assign(Object.create(null) as object, { a: "a" });
    for (const input of [
      new Lead(),
      bare,
      Object.create({ a: "a" }),
      {
        get a() {
          return "a";
        },
      },
    ]) {
      expect(schema.parse(input)).toStrictEqual({ a: "a" });
    }
    expect(schema.safeParse(Object.assign(["x"], { a: "a" })).success).toBe(false);
  });

  it("returns new objects and arrays, and never copies an own __proto__ key from JSON.parse", () => {
    const input = JSON.parse('{"a":"a","__proto__":{"b":"polluted"}}') as object;
    const data = schema.parse(input);
    expect(data).not.toBe(input);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(["a"]);
    const list = z.array(z.object({ q: z.string() }));
    const items = [{ q: "q" }];
    expect(list.parse(items)).not.toBe(items);
    expect(list.parse(items)[0]).not.toBe(items[0]);
    // A shape key named __proto__ never reaches the output at all.
    const proto = z.object({ ["__proto__"]: z.string().nullish(), a: z.string() });
    expect(Reflect.ownKeys(proto.parse(JSON.parse('{"__proto__":"x","a":"a"}')))).toEqual(["a"]);
  });

  it("z.int() takes safe integers only, -0 included and kept", () => {
    const int = z.int();
    for (const ok of [0, -0, 1, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      expect(Object.is(int.parse(ok), ok)).toBe(true);
    }
    for (const bad of [1.5, 2 ** 53, -(2 ** 53), 1e300, Number.NaN, Infinity, -Infinity, "1", 1n, new Number(1)]) {
      expect(int.safeParse(bad).success).toBe(false);
    }
  });

  it("z.number() takes finite numbers only, -0 included and kept", () => {
    expect(Object.is(z.number().parse(-0), -0)).toBe(true);
    expect(z.number().parse(Number.MAX_VALUE)).toBe(Number.MAX_VALUE);
    for (const bad of [Number.NaN, Infinity, -Infinity, "1", new Number(1), null]) {
      expect(z.number().safeParse(bad).success).toBe(false);
    }
  });

  it("z.email() and z.iso.date() test zod's exported patterns, which keep no state between tests", () => {
    expect(z.email().def.pattern).toBe(z.regexes.email);
    expect(z.iso.date().def.pattern).toBe(z.regexes.date);
    expect(z.regexes.email.flags).toBe("");
    expect(z.regexes.date.flags).toBe("");
    expect(z.iso.date().safeParse("2026-02-30").success).toBe(false);
    expect(z.iso.date().safeParse("2100-02-29").success).toBe(false);
    expect(z.iso.date().safeParse("2024-02-29").success).toBe(true);
    expect(z.iso.date().safeParse("2026-11-01T10:00:00Z").success).toBe(false);
    expect(z.email().safeParse("a@b.c").success).toBe(false);
    expect(z.email().safeParse(new String("a@b.co")).success).toBe(false);
  });

  it("rt.isIsoDate, the reader's date check, accepts exactly what z.iso.date() does", () => {
    const zodDate = z.iso.date().def.pattern!;
    const disagree = (text: string): boolean => isIsoDate(text) !== zodDate.test(text);
    const text = (n: number, width: number) => String(n).padStart(width, "0");
    for (let year = 0; year <= 9999; year++)
      for (let month = 0; month <= 13; month++)
        for (const day of [0, 1, 28, 29, 30, 31, 32]) {
          const iso = `${text(year, 4)}-${text(month, 2)}-${text(day, 2)}`;
          if (disagree(iso)) throw new Error(`isIsoDate and zod disagree on ${iso}`);
        }
    // Strings near the shape: other lengths, characters and separators in every position.
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789-/+ T\u0660"), maxLength: 12 }), (s) => !disagree(s)),
      { numRuns: 20_000 },
    );
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => !disagree(s)));
  });

  it("z.enum() takes its member strings only; z.array() reads holes as undefined", () => {
    expect(z.enum(["a"]).safeParse(new String("a")).success).toBe(false);
    const list = z.array(z.object({ q: z.string() }));
    expect(list.safeParse([, { q: "q" }]).success).toBe(false);
    expect(list.safeParse({ length: 0 }).success).toBe(false);
    expect(list.parse(Object.assign([{ q: "q" }], { extra: 1 }))).toStrictEqual([{ q: "q" }]);
  });
});

// ------------------------------------------------------------ compiled policies

const ALL_TYPES = `${HEADER}
lead {
  note: text
  email: email
  employees: integer
  revenue: number
  active: boolean
  signed: date
  tier: one of gold, silver
  opt_note: text?
  opt_email: email?
  opt_employees: integer?
  opt_revenue: number?
  opt_active: boolean?
  opt_signed: date?
  opt_tier: one of a, b?
  company: { name: text, size: integer? }
  profile: { bio: text? }?
  activities: list of activity
  notes: list of { body: text }?
}
record activity {
  kind: one of open, demo
  at: date
  meta: { channel: text? }?
}
stage MQL owned by marketing { require big: employees >= 10 }
`;

function fullLead(): Record<string, unknown> {
  return {
    note: "n",
    email: "ann@acme.com",
    employees: 12,
    revenue: 1.5,
    active: true,
    signed: "2026-10-01",
    tier: "gold",
    opt_note: "o",
    opt_email: "bob@acme.com",
    opt_employees: 3,
    opt_revenue: -2.25,
    opt_active: false,
    opt_signed: "2024-02-29",
    opt_tier: "b",
    company: { name: "Acme", size: 40 },
    profile: { bio: "hi" },
    activities: [
      { kind: "open", at: "2026-10-02", meta: { channel: "web" } },
      { kind: "demo", at: "2026-10-03" },
    ],
    notes: [{ body: "x" }],
  };
}

function minimalLead(): Record<string, unknown> {
  return {
    note: "",
    email: "ann@acme.com",
    employees: 0,
    revenue: 0,
    active: false,
    signed: "2026-10-01",
    tier: "silver",
    company: { name: "Acme" },
    activities: [],
  };
}

let allTypes: { module: TestModule; watched: Watched } | undefined;
async function allTypesModule() {
  if (!allTypes) {
    const module = await load(ALL_TYPES);
    allTypes = { module, watched: watch(module) };
  }
  return allTypes.watched;
}

/** Asserts the one-sided property and returns whether the fast path answered. */
function fastPathAnswers(watched: Watched, input: unknown): boolean {
  const { problems, fast } = checkOneSided(watched, input);
  expect(problems).toEqual([]);
  return fast;
}

describe("the generated reader on a compiled policy", () => {
  it("reads a valid lead exactly as zod does, for every type, and stays private to the module", async () => {
    const w = await allTypesModule();
    for (const lead of [fullLead(), minimalLead(), JSON.parse(JSON.stringify(fullLead())) as unknown]) {
      expect(fastPathAnswers(w, lead)).toBe(true);
    }
    expect(Object.keys(allTypes!.module)).not.toContain("readLead");
  });

  it("puts fields in the policy's order, whatever the input's, and strips unknown fields at every level", async () => {
    const w = await allTypesModule();
    const lead = fullLead();
    const reversed = Object.fromEntries(Object.entries(lead).reverse()) as Record<string, unknown>;
    reversed["extra"] = { deep: [1, 2] };
    reversed["company"] = { size: 40, name: "Acme", ceo: "x" };
    reversed["activities"] = [{ at: "2026-10-02", kind: "open", note: "x", meta: { channel: "web", x: 1 } }];
    expect(fastPathAnswers(w, reversed)).toBe(true);
    const { result } = w.safeParseLead(reversed);
    expect(Object.keys(result.data as object)).toEqual(Object.keys(lead));
    expect((result.data as Record<string, unknown>)["company"]).toStrictEqual({ name: "Acme", size: 40 });
    expect((result.data as Record<string, unknown>)["activities"]).toStrictEqual([
      { kind: "open", at: "2026-10-02", meta: { channel: "web" } },
    ]);
  });

  it("keeps optional fields that are null or undefined, and leaves absent ones out", async () => {
    const w = await allTypesModule();
    const optional = ["opt_note", "opt_email", "opt_employees", "opt_revenue", "opt_active", "opt_signed", "opt_tier"];
    for (const value of [null, undefined]) {
      const lead = {
        ...minimalLead(),
        ...Object.fromEntries([...optional, "profile", "notes"].map((k) => [k, value])),
      };
      lead["company"] = { name: "Acme", size: value };
      expect(fastPathAnswers(w, lead)).toBe(true);
      const data = w.safeParseLead(lead).result.data as Record<string, unknown>;
      expect(Object.keys(data)).toContain("opt_tier");
      expect(data["opt_tier"]).toBe(value);
    }
    const data = w.safeParseLead(minimalLead()).result.data as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(Object.keys(minimalLead()));
  });

  it("builds new objects and arrays", async () => {
    const w = await allTypesModule();
    const lead = fullLead();
    const data = w.safeParseLead(lead).result.data as Record<string, unknown>;
    expect(data).not.toBe(lead);
    expect(data["company"]).not.toBe(lead["company"]);
    expect(data["activities"]).not.toBe(lead["activities"]);
    expect((data["activities"] as unknown[])[0]).not.toBe((lead["activities"] as unknown[])[0]);
  });

  it.each<[string, unknown]>([
    ["integer -0", { employees: -0 }],
    ["the largest safe integer", { employees: Number.MAX_SAFE_INTEGER, opt_employees: Number.MIN_SAFE_INTEGER }],
    ["number -0 and extremes", { revenue: -0, opt_revenue: Number.MAX_VALUE }],
    ["an email in capitals, with + and '", { email: "A.B+x@Example.COM", opt_email: "o'neil@acme.io" }],
    ["a leap day", { signed: "2000-02-29" }],
    ["an array with extra properties", { activities: Object.assign([], { extra: 1 }) }],
    [
      "a getter",
      {
        get note() {
          return "g";
        },
      },
    ],
  ])("answers for %s, as zod would", async (_, overrides) => {
    const w = await allTypesModule();
    const lead = Object.defineProperties(minimalLead(), Object.getOwnPropertyDescriptors(overrides));
    expect(fastPathAnswers(w, lead)).toBe(true);
  });

  it("keeps -0 as -0, as zod does", async () => {
    const w = await allTypesModule();
    const data = w.safeParseLead(
      JSON.parse(
        '{"note":"","email":"a@b.co","employees":-0,"revenue":-0,"active":true,' +
          '"signed":"2026-01-01","tier":"gold","company":{"name":""},"activities":[]}',
      ),
    ).result.data as Record<string, unknown>;
    expect(Object.is(data["employees"], -0)).toBe(true);
    expect(Object.is(data["revenue"], -0)).toBe(true);
  });

  it.each<[string, unknown]>([
    ["text not a string", { note: 1 }],
    ["a String object", { note: new String("n") }],
    ["an invalid email", { email: "a@b.c" }],
    ["an email with a newline", { opt_email: "a@b.co\n" }],
    ["a fraction in an integer", { employees: 1.5 }],
    ["an unsafe integer", { employees: 2 ** 53 }],
    ["NaN", { revenue: Number.NaN }],
    ["Infinity", { opt_revenue: Infinity }],
    ["a numeric string", { employees: "12" }],
    ["a boolean as 0", { active: 0 }],
    ["February 30th", { signed: "2026-02-30" }],
    ["a date-time", { opt_signed: "2026-11-01T10:00:00Z" }],
    ["a non-member", { tier: "bronze" }],
    ["null in a required field", { note: null }],
    ["a missing required field", { note: undefined }],
    ["a list given as an object", { activities: { length: 0 } }],
    ["a record given as an array", { company: [{ name: "Acme" }] }],
    ["an item that is not an object", { activities: ["open"] }],
    ["a hole in a list", { activities: [, { kind: "open", at: "2026-10-01" }] }],
    ["an invalid nested field", { profile: { bio: 1 } }],
  ])("leaves %s to zod, which rejects it", async (_, overrides) => {
    const w = await allTypesModule();
    const lead = { ...minimalLead(), ...(overrides as object) };
    expect(fastPathAnswers(w, lead)).toBe(false);
    expect(w.safeParseLead(lead).result.success).toBe(false);
  });

  it("leaves objects JSON.parse does not make to zod, which accepts them", async () => {
    const w = await allTypesModule();
    class Lead {}
    const inputs = [
      Object.assign(Object.create(null) as object, minimalLead()),
      Object.assign(new Lead(), minimalLead()),
      Object.create(minimalLead()) as unknown,
      { ...minimalLead(), company: Object.assign(Object.create(null) as object, { name: "Acme" }) },
    ];
    for (const input of inputs) {
      expect(fastPathAnswers(w, input)).toBe(false);
      expect(w.safeParseLead(input).result.success).toBe(true);
    }
    for (const input of [null, undefined, "lead", 1, [minimalLead()]]) {
      expect(fastPathAnswers(w, input)).toBe(false);
    }
  });

  it("reads fields through the prototype, like zod, even a polluted Object.prototype", async () => {
    const w = await allTypesModule();
    const prototype = Object.prototype as Record<string, unknown>;
    prototype["opt_note"] = "inherited";
    try {
      expect(fastPathAnswers(w, minimalLead())).toBe(true);
      expect((w.safeParseLead(minimalLead()).result.data as Record<string, unknown>)["opt_note"]).toBe("inherited");
    } finally {
      delete prototype["opt_note"];
    }
  });

  it("ignores __proto__ and constructor keys from JSON.parse and never touches Object.prototype", async () => {
    const w = await allTypesModule();
    const text = JSON.stringify({ ...minimalLead(), company: { name: "Acme" } })
      .replace('{"note"', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"note"')
      .replace('{"name"', '{"__proto__":{"polluted":1},"name"');
    const lead = JSON.parse(text) as unknown;
    expect(fastPathAnswers(w, lead)).toBe(true);
    const data = w.safeParseLead(lead).result.data as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(data["company"])).toBe(Object.prototype);
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("reads records nested 64 deep, the limit, with a list of records at the bottom", async () => {
    // The lead, 61 records of `r`, the innermost record and its list's items: 64 levels.
    const depth = 62;
    let type = "{ n: integer, items: list of { k: one of a, b, at: date? } }";
    for (let i = 1; i < depth; i++) type = `{ r: ${type}, t: text? }`;
    const w = watch(
      await load(`${HEADER}\nlead { r: ${type} }\nstage MQL owned by marketing { require t: r.t is present }\n`),
    );
    let value: Record<string, unknown> = { n: 1, items: [{ k: "a", at: "2026-01-01" }, { k: "b" }] };
    for (let i = 1; i < depth; i++) value = { t: i % 2 ? null : "t", r: value, extra: i };
    expect(fastPathAnswers(w, { r: value })).toBe(true);
  });
});

// ------------------------------------------------------------ record types the checker would reject

// Hand-built types have no source; the reader never reads a field's declaration.
const declaration = undefined as unknown as FieldDeclaration;
const field = (name: string, type: LgType, optional = false): FieldInfo => ({ name, type, optional, declaration });
const record = (fields: FieldInfo[], name?: string): RecordType => ({ kind: "record", name, fields });
const TEXT: LgType = { kind: "text" };

/** A module with just `LeadSchema` and the reader for a hand-built lead type, as the compiler writes them. */
async function readerFor(lead: RecordType): Promise<{ watched: Watched; js: string }> {
  const w = new CodeWriter();
  w.line(`import { z } from ${jsString(import.meta.resolve("zod"))};`);
  w.line(`import * as rt from ${jsString(import.meta.resolve("@leadgate/runtime"))};`);
  w.lines_(`export const LeadSchema = ${zodRecord(lead, nameRecords(new Map()), "")};`);
  w.block("export function safeParseLead(input) {", () => {
    w.line("const lead = readLead(input);");
    w.line("if (lead !== undefined) return { success: true, data: lead };");
    w.line("const result = LeadSchema.safeParse(input);");
    w.line(
      "return result.success ? { success: true, data: result.data } : { success: false, issues: result.error.issues };",
    );
  });
  writeLeadReader(w, lead);
  const js = w.toString();
  const dir = join(tmpdir(), "leadgate-compiler-tests");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `reader-${createHash("sha256").update(js).digest("hex").slice(0, 24)}.mjs`);
  writeFileSync(file, js);
  const module = (await import(pathToFileURL(file).href)) as Parameters<typeof watch>[0];
  return { watched: watch(module), js };
}

describe("the generated reader on names the checker rejects", () => {
  const hostile = [
    "a-b",
    "with space",
    "1st",
    "",
    "a$b",
    "constructor",
    "toString",
    "ñandú",
    '"); globalThis.__pwned = 1; ("',
    "*/ globalThis.__pwned = 2; /*",
    "</script>",
    "line\u2028separator",
  ];

  it("reads fields with any name, and enum members with any text, without running them", async () => {
    const member = "`${globalThis.__pwned = 3}`";
    const inner = record([field("x-y", TEXT), field("toString", TEXT, true)], "my record");
    const lead = record([
      ...hostile.map((name) => field(name, TEXT, name.length % 2 === 0)),
      field("kind", { kind: "enum", members: [member, "*/"], origin: "*/ kind" }),
      field("inner", inner),
      field("items", { kind: "list", element: inner }, true),
    ]);
    const { watched, js } = await readerFor(lead);
    expect(js).toContain('input["a-b"]');
    expect(js).toContain("function read$1(input)");
    const input: Record<string, unknown> = Object.fromEntries(hostile.map((name) => [name, `value of ${name}`]));
    input["constructor"] = "own constructor";
    input["toString"] = "own toString";
    input["kind"] = member;
    input["inner"] = { "x-y": "1", toString: "t" };
    input["items"] = [{ "x-y": "2", toString: null }];
    expect(fastPathAnswers(watched, input)).toBe(true);
    expect(fastPathAnswers(watched, JSON.parse(JSON.stringify(input)))).toBe(true);
    // Without own keys, `constructor` and `toString` are Object.prototype's functions: invalid to zod too.
    const { constructor: _c, toString: _t, ...inherited } = input;
    expect(fastPathAnswers(watched, inherited)).toBe(false);
    expect(watched.safeParseLead(inherited).result.success).toBe(false);
    expect((globalThis as Record<string, unknown>)["__pwned"]).toBeUndefined();
  });

  it("leaves a record with a __proto__ field to zod, which never outputs it", async () => {
    const { watched, js } = await readerFor(
      record([field("a", TEXT), field("inner", record([field("__proto__", TEXT, true), field("b", TEXT)]))]),
    );
    expect(js).not.toMatch(/input\.__proto__|input\["__proto__"\]/);
    const input = JSON.parse('{"a":"a","inner":{"__proto__":"p","b":"b"}}') as unknown;
    expect(fastPathAnswers(watched, input)).toBe(false);
    expect(watched.safeParseLead(input).result).toStrictEqual({ success: true, data: { a: "a", inner: { b: "b" } } });
  });

  it("gives every record and list its own function, once", async () => {
    const shared = record([field("v", TEXT)], "shared");
    const lead = record([
      field("one", shared),
      field("two", shared, true),
      field("many", { kind: "list", element: shared }),
      field("more", { kind: "list", element: shared }, true),
      field("inline", record([field("deeper", record([field("v", TEXT)]))])),
    ]);
    const { watched, js } = await readerFor(lead);
    const functions = [...js.matchAll(/^function (\S+)\(/gm)].map((m) => m[1]);
    expect(functions).toEqual([
      "isPlainObject",
      "readLead",
      "read_shared",
      "readEach_shared",
      "readLead$inline",
      "readLead$inline$deeper",
    ]);
    const input = { one: { v: "1" }, two: null, many: [{ v: "2" }], inline: { deeper: { v: "3" } } };
    expect(fastPathAnswers(watched, input)).toBe(true);
  });

  it("compiles to nothing but plain code: no eval, no Function, no dynamic import", () => {
    const { js } = compileText(ALL_TYPES);
    const reader = js.slice(
      js.indexOf("// The fast path of safeParseLead"),
      js.indexOf("// Values of `in [...]` lists."),
    );
    expect(reader).toContain("function readLead(input)");
    expect(reader).not.toMatch(/\beval\s*\(|new Function|Function\s*\(|import\s*\(/);
  });
});
