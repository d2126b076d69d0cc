import { Random } from "./random.js";

/**
 * A grammar-aware generator of random, well-typed policies and of random leads for them.
 *
 * It keeps its own model of the lead's shape and of what is in scope, and writes only
 * expressions the checker accepts: comparisons between comparable types, `is missing` only on
 * optional fields, decay only on a required date of the item, computations that only use
 * earlier ones (no cycles), and so on. The rare policy the checker still rejects (a requirement
 * a static bound proves can never or always pass) is filtered out by the caller, which also
 * asserts that such rejections stay rare, so the generator stays honest.
 *
 * Leads are drawn from the policy's lead shape: optional fields absent or null, empty lists,
 * text that matches the policy's literals up to case, numbers at the thresholds, and dates at the
 * edges of the policy's windows and decay periods relative to the evaluation date.
 */

export type Unit = "days" | "weeks" | "months";
type Primitive = "text" | "email" | "integer" | "number" | "boolean" | "date";

export type TypeModel =
  | { readonly kind: Primitive }
  | { readonly kind: "enum"; readonly members: readonly string[] }
  | { readonly kind: "record"; readonly record: RecordModel }
  | { readonly kind: "list"; readonly record: RecordModel };

export interface FieldModel {
  readonly name: string;
  readonly type: TypeModel;
  readonly optional: boolean;
}

export interface RecordModel {
  /** Set when the record is declared with `record <name> { ... }` rather than written inline. */
  readonly declaredAs?: string;
  readonly fields: FieldModel[];
}

/** Values the policy mentions, so leads can hit (and just miss) them. */
export interface Pools {
  readonly texts: Set<string>;
  readonly domains: Set<string>;
  readonly numbers: Set<number>;
  readonly dates: Set<string>;
  readonly windows: Array<readonly [number, Unit]>;
  readonly decays: Set<number>;
}

export interface GeneratedPolicy {
  readonly seed: number;
  readonly text: string;
  readonly lead: RecordModel;
  readonly pools: Pools;
}

/**
 * Discrepancies between the compiled evaluator and the specification that the differential run
 * has found and that are still open. The CI run avoids generating what triggers them, so it stays
 * green and keeps looking for new ones; each has a minimal reproduction in known-issues.test.ts.
 * Remove an entry once it is resolved.
 */
export type KnownIssue =
  /** An optional boolean field that is absent (not null), used directly as a condition, is not treated as missing. */
  | "absent-boolean-as-condition"
  /** `x in [a, field]` with a missing item: the compiler treats the list as an `or` of comparisons. */
  | "in-list-with-missing-item";

export interface GeneratorOptions {
  /** Constructs not to generate, because they trigger a known, still open bug. */
  readonly avoid?: readonly KnownIssue[];
}

// ------------------------------------------------------------ names

/** Soft keywords: meaningful in one place only, otherwise ordinary names. Fields sometimes get one. */
const SOFT_KEYWORDS = [
  "at",
  "on",
  "up",
  "by",
  "per",
  "most",
  "least",
  "after",
  "half",
  "with",
  "than",
  "have",
  "missing",
  "present",
  "version",
  "owner",
  "every",
  "review",
  "reviewed",
  "owned",
  "follow",
  "weeks",
  "months",
  "hours",
  // Declaration keywords are soft too: a lead may have a field named `stage` or `score`.
  "record",
  "rule",
  "score",
  "grade",
  "stage",
  "override",
];

/** Names every JavaScript object has: legal for rules, stages, lines and values, and a classic source of bugs. */
const OBJECT_NAMES = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf"];

/** With a small probability, one of `OBJECT_NAMES` in place of the usual name. */
function hostile(rng: Random, names: readonly string[]): string[] {
  return rng.chance(0.04) ? [rng.pick(OBJECT_NAMES), ...names] : [...names];
}

class Names {
  private readonly used = new Set<string>();
  private counter = 0;

  constructor(private readonly rng: Random) {}

  /** A fresh name: one of the candidates if still free (sometimes a soft keyword), else a numbered one. */
  take(candidates: readonly string[], softKeywordChance = 0): string {
    if (OBJECT_NAMES.includes(candidates[0]!) && !this.used.has(candidates[0]!)) return this.claim(candidates[0]!);
    if (softKeywordChance > 0 && this.rng.chance(softKeywordChance)) {
      const free = SOFT_KEYWORDS.filter((k) => !this.used.has(k));
      if (free.length > 0) return this.claim(this.rng.pick(free));
    }
    const free = candidates.filter((c) => !this.used.has(c));
    if (free.length > 0) return this.claim(this.rng.pick(free));
    return this.claim(`${this.rng.pick(candidates)}_${++this.counter}`);
  }

  claim(name: string): string {
    this.used.add(name);
    return name;
  }

  has(name: string): boolean {
    return this.used.has(name);
  }
}

// ------------------------------------------------------------ dates (only to choose inputs; the evaluators have their own)

const DAY_MS = 86_400_000;

function toDay(iso: string): number {
  const d = new Date(0);
  d.setUTCFullYear(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round(d.getTime() / DAY_MS);
}

function toIso(day: number): string {
  const d = new Date(day * DAY_MS);
  const y = String(d.getUTCFullYear()).padStart(4, "0");
  return `${y}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

function monthsBack(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 - months;
  const day = Number(iso.slice(8, 10));
  const first = new Date(0);
  first.setUTCFullYear(y, m, 1);
  const last = new Date(0);
  last.setUTCFullYear(first.getUTCFullYear(), first.getUTCMonth() + 1, 0);
  return toIso(Math.round(first.getTime() / DAY_MS) + Math.min(day, last.getUTCDate()) - 1);
}

function windowStart(asOf: string, amount: number, unit: Unit): string {
  if (unit === "months") return monthsBack(asOf, amount);
  return toIso(toDay(asOf) - amount * (unit === "weeks" ? 7 : 1));
}

/** Evaluation dates: month ends and leap days stress month arithmetic; the rest are ordinary days. */
const AS_OF_DATES = [
  "2026-03-31",
  "2026-02-28",
  "2024-02-29",
  "2024-03-31",
  "2026-01-31",
  "2025-12-31",
  "2026-05-31",
  "2026-10-31",
  "2026-11-01",
  "2026-07-15",
  "2025-03-01",
];

// ------------------------------------------------------------ expressions as text with precedence

/**
 * Precedence of generated text: 0 or-chain, 1 and-chain, 2 not, 3 predicate (operand with a
 * postfix), 4 operand. `greedy`: ends in a `where`/`have` condition that would swallow whatever
 * follows, so it is parenthesised whenever something could follow.
 */
interface Gen {
  readonly text: string;
  readonly level: number;
  readonly greedy: boolean;
}

const atom = (text: string): Gen => ({ text, level: 4, greedy: false });

function wrap(e: Gen, minLevel: number): string {
  return e.level < minLevel || e.greedy ? `(${e.text})` : e.text;
}

interface Access {
  readonly text: string;
  readonly type: TypeModel;
  /** Some field along the path is optional, so the value can be missing. */
  readonly optional: boolean;
}

interface Ctx {
  /** Item records of the enclosing list scopes, innermost last. */
  readonly scopes: readonly RecordModel[];
  readonly rules: readonly string[];
  readonly scores: readonly string[];
  readonly grades: ReadonlyArray<{ readonly name: string; readonly values: readonly string[] }>;
}

function encodeString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}

function numberText(value: number): string {
  const text = String(value);
  if (/e/i.test(text)) throw new Error(`internal: number literal ${text}`);
  return text;
}

const TEXT_WORDS = [
  "US",
  "us",
  "VP",
  "vp of sales",
  "Head of IT",
  "officer",
  "CA",
  "Berlin",
  "web",
  "phone",
  "partner",
  "",
  " ",
  "Ünïcødé",
  "straße",
  'say "hi"',
  "back\\slash",
  "tab\there",
  "İstanbul",
  "x",
];
/** Text that must survive being written into generated JavaScript: comment ends, templates, line separators. */
const HOSTILE_TEXT = ["*/", "`${x}`", "</script>", "a\u2028b", "nul\u0000", "\u{1F600}", "\\u0041", "'; x; '"];
const DOMAINS = ["gmail.com", "yahoo.com", "rival.com", "acme.com", "Acme.COM", "sub.acme.com", "GMAIL.COM"];

export class PolicyGenerator {
  private readonly rng: Random;
  private readonly names: Names;
  private readonly pools: Pools = {
    texts: new Set(),
    domains: new Set(),
    numbers: new Set([0, 1, -1]),
    dates: new Set(),
    windows: [],
    decays: new Set(),
  };
  private readonly lead: RecordModel = { fields: [] };
  /** The least and greatest total of each generated score. */
  private readonly scoreBounds = new Map<string, { min: number; max: number }>();
  private readonly declaredRecords: RecordModel[] = [];
  private readonly out: string[] = [];

  constructor(
    readonly seed: number,
    private readonly options: GeneratorOptions = {},
  ) {
    this.rng = new Random(seed);
    this.names = new Names(this.rng);
  }

  generate(): GeneratedPolicy {
    const rng = this.rng;
    this.buildLead();
    const owners = ["marketing", "sales"];
    const header = [
      `policy p${this.seed >>> 0} ${encodeString(`Generated policy ${this.seed}`)} {`,
      `  version "1.${rng.int(0, 9)}.${rng.int(0, 20)}"`,
      `  owner marketing "@acme/marketing-ops"`,
      `  owner sales "@acme/sales-ops", "@acme/sales-leads"`,
      `  reviewed 2026-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
      `  review every ${rng.int(1, 12)} ${rng.pick(["months", "month", "weeks", "days"])}`,
      "}",
    ].join("\n");

    // Computations in an order where each may use the earlier ones; written to the file shuffled.
    const rules: string[] = [];
    const scores: string[] = [];
    const grades: Array<{ name: string; values: string[] }> = [];
    const declarations: string[] = [];
    const count = rng.int(1, 7);
    for (let i = 0; i < count; i++) {
      const ctx: Ctx = { scopes: [], rules: [...rules], scores: [...scores], grades: [...grades] };
      const kind = rng.weighted<"rule" | "score" | "grade">([
        [5, "rule"],
        [3, "score"],
        [2, "grade"],
      ]);
      if (kind === "rule") {
        const name = this.names.take(
          hostile(rng, ["target_market", "big", "senior", "personal", "fresh", "engaged", "local", "warm"]),
        );
        declarations.push(`rule ${name}${this.maybeLabel(0.5)}:\n  ${this.condition(ctx, 3).text}`);
        rules.push(name);
      } else if (kind === "score") {
        const name = this.names.take(hostile(rng, ["engagement", "fit_points", "intent", "activity_score"]));
        declarations.push(this.score(name, ctx));
        scores.push(name);
      } else {
        const name = this.names.take(hostile(rng, ["fit", "tier", "priority"]));
        const values = rng.sample(hostile(rng, ["A", "B", "C", "D", "E", "hot", "warm_", "cold"]), rng.int(2, 4));
        declarations.push(this.grade(name, values, ctx));
        grades.push({ name, values });
      }
    }
    const all: Ctx = { scopes: [], rules, scores, grades };
    const disqualifiers = Array.from(
      {
        length: rng.weighted([
          [4, 0],
          [3, 1],
          [1, 2],
        ]),
      },
      () => {
        const name = this.names.take(hostile(rng, ["competitor", "opted_out", "student", "spam"]));
        return `disqualify ${name} ${encodeString(rng.pick(rng.chance(0.1) ? HOSTILE_TEXT : ["Works for a competitor", "Opted out", 'No "fit"']))}: ${this.condition(all, 2).text}`;
      },
    );
    const stages: string[] = [];
    const stageCount = rng.int(1, 4);
    const stageNames = rng.sample(hostile(rng, ["MQL", "SQL", "SAL", "Won", "Nurture", "Lead"]), stageCount);
    const requirementNames = ["budget", "authority", "need", "timeframe", "engaged", "fit_ok", "reachable", "met"];
    for (const stageName of stageNames) {
      const used = new Set<string>();
      const lines: string[] = [];
      for (let r = rng.int(1, 4); r > 0; r--) {
        const bare = [
          ...rules,
          ...this.lead.fields
            .filter((f) => f.type.kind === "boolean" && !(f.optional && this.avoids("absent-boolean-as-condition")))
            .map((f) => f.name),
        ];
        if (bare.length > 0 && rng.chance(0.3)) {
          const name = rng.pick(bare);
          if (used.has(name)) continue;
          used.add(name);
          lines.push(`  require ${name}${this.maybeLabel(0.3)}`);
          continue;
        }
        let name = rng.pick(hostile(rng, requirementNames));
        while (used.has(name)) name = `${name}_${rng.int(1, 99)}`;
        used.add(name);
        lines.push(`  require ${name}${this.maybeLabel(0.5)}: ${this.requirementCondition(all)}`);
      }
      if (lines.length === 0) lines.push(`  require always_here: ${this.condition(all, 1).text}`);
      const followUp = rng.chance(0.6)
        ? `, follow up within ${rng.int(1, 48)} ${rng.pick(["hours", "hour", "days", "day", "weeks", "week"])}`
        : "";
      stages.push(
        `stage ${stageName}${this.maybeLabel(0.5)} owned by ${rng.pick(owners)}${followUp} {\n${lines.join("\n")}\n}`,
      );
    }

    const records = this.declaredRecords.map((r) => `record ${r.declaredAs} ${this.recordBody(r, "")}`);
    const body = rng.shuffle([...records, ...declarations, ...disqualifiers]);
    // The lead may come before or after the rest; stages keep their order (it is the funnel).
    const leadText = `lead ${this.recordBody(this.lead, "")}`;
    const parts = rng.chance(0.8) ? [header, leadText, ...body] : [header, ...body, leadText];
    const text = `${[...parts, ...stages].join("\n\n")}\n`;
    return { seed: this.seed, text, lead: this.lead, pools: this.pools };
  }

  private avoids(issue: KnownIssue): boolean {
    return this.options.avoid?.includes(issue) ?? false;
  }

  private maybeLabel(probability: number): string {
    if (!this.rng.chance(probability)) return "";
    const labels = ["Big company", "Engaged enough", 'Fit "A"', "Ünïcødé label", "Budget", "a\\b", "two\nlines"];
    return ` ${encodeString(this.rng.pick(this.rng.chance(0.1) ? HOSTILE_TEXT : labels))}`;
  }

  // ------------------------------------------------------------ the lead

  private buildLead(): void {
    const rng = this.rng;
    const n = this.names;
    const soft = 0.06;
    const add = (record: RecordModel, name: string, type: TypeModel, optional: boolean) =>
      record.fields.push({ name, type, optional });
    const lead = this.lead;
    add(lead, n.take(["email"]), { kind: "email" }, false);
    if (rng.chance(0.5)) add(lead, n.take(["work_email", "alt_email"]), { kind: "email" }, true);
    for (let i = rng.int(1, 2); i > 0; i--)
      add(lead, n.take(["title", "source", "note", "region"], soft), { kind: "text" }, rng.chance(0.5));
    for (let i = rng.int(1, 2); i > 0; i--)
      add(lead, n.take(["employees", "timeframe_days", "visits", "seats"], soft), { kind: "integer" }, rng.chance(0.4));
    if (rng.chance(0.7))
      add(lead, n.take(["revenue", "budget_k", "rating"], soft), { kind: "number" }, rng.chance(0.5));
    for (let i = rng.int(1, 2); i > 0; i--)
      add(
        lead,
        n.take(["agreed_to_meet", "consent", "newsletter", "is_partner"], soft),
        { kind: "boolean" },
        rng.chance(0.4),
      );
    for (let i = rng.int(1, 2); i > 0; i--)
      add(
        lead,
        n.take(["signed_up", "last_contacted", "renewal", "first_seen"], soft),
        { kind: "date" },
        rng.chance(0.5),
      );
    const enums: Array<[string[], string[]]> = [
      [
        ["seniority", "level"],
        ["ic", "manager", "director", "vp", "c_level"],
      ],
      [
        ["budget", "funding"],
        ["unknown", "none", "known", "approved"],
      ],
      [
        ["industry", "sector"],
        ["software", "finance", "health", "retail", "other"],
      ],
    ];
    for (const [names, members] of rng.sample(enums, rng.int(1, 2))) {
      add(
        lead,
        n.take(names, soft),
        { kind: "enum", members: rng.sample(members, rng.int(2, members.length)) },
        rng.chance(0.3),
      );
    }
    if (rng.chance(0.8)) {
      const company: RecordModel = { fields: [] };
      add(company, n.take(["name", "company_name"], soft), { kind: "text" }, false);
      add(company, n.take(["size", "headcount"], soft), { kind: "integer" }, rng.chance(0.5));
      add(company, n.take(["country", "hq_country"], soft), { kind: "text" }, rng.chance(0.5));
      if (rng.chance(0.4)) {
        const hq: RecordModel = { fields: [] };
        add(hq, n.take(["city"], soft), { kind: "text" }, false);
        add(hq, n.take(["zip", "postcode"], soft), { kind: "text" }, rng.chance(0.6));
        add(
          company,
          n.take(["hq", "office"]),
          { kind: "record", record: this.maybeDeclare(hq, ["address", "place"]) },
          rng.chance(0.5),
        );
      }
      if (rng.chance(0.3)) {
        const office: RecordModel = { fields: [] };
        add(office, n.take(["office_city", "site"], soft), { kind: "text" }, false);
        add(office, n.take(["opened", "opened_on"], soft), { kind: "date" }, rng.chance(0.5));
        add(
          company,
          n.take(["offices", "sites"]),
          { kind: "list", record: this.maybeDeclare(office, ["office_rec"]) },
          rng.chance(0.4),
        );
      }
      add(
        lead,
        n.take(["company", "account"]),
        { kind: "record", record: this.maybeDeclare(company, ["company_rec"]) },
        rng.chance(0.4),
      );
    }
    const activity: RecordModel = { fields: [] };
    add(
      activity,
      n.take(["kind", "type_"], soft),
      {
        kind: "enum",
        members: rng.sample(hostile(rng, ["open", "click", "download", "webinar", "demo", "meeting"]), rng.int(2, 6)),
      },
      rng.chance(0.15),
    );
    add(activity, n.take(["at", "occurred"], 0), { kind: "date" }, false);
    if (rng.chance(0.7)) add(activity, n.take(["channel", "medium"], soft), { kind: "text" }, rng.chance(0.7));
    if (rng.chance(0.6)) add(activity, n.take(["minutes", "duration"], soft), { kind: "number" }, rng.chance(0.7));
    if (rng.chance(0.4)) add(activity, n.take(["flagged", "starred"], soft), { kind: "boolean" }, rng.chance(0.5));
    if (rng.chance(0.2)) {
      const tag: RecordModel = { fields: [] };
      add(tag, n.take(["label", "tag_name"], soft), { kind: "text" }, false);
      add(tag, n.take(["weight", "score_"], soft), { kind: "integer" }, rng.chance(0.5));
      add(activity, n.take(["tags", "labels"]), { kind: "list", record: tag }, rng.chance(0.4));
    }
    add(
      lead,
      n.take(["activities", "events"]),
      { kind: "list", record: this.maybeDeclare(activity, ["activity", "event_rec"]) },
      rng.chance(0.25),
    );
    if (rng.chance(0.5)) {
      const contact: RecordModel = { fields: [] };
      add(contact, n.take(["role", "job"], soft), { kind: "text" }, false);
      add(contact, n.take(["engaged", "active"], soft), { kind: "boolean" }, rng.chance(0.6));
      add(contact, n.take(["joined", "since_date"], soft), { kind: "date" }, false);
      if (rng.chance(0.5))
        add(contact, n.take(["contact_level", "grade_"], soft), { kind: "integer" }, rng.chance(0.5));
      add(lead, n.take(["contacts", "people"]), { kind: "list", record: contact }, rng.chance(0.5));
    }
    this.lead.fields.splice(0, this.lead.fields.length, ...rng.shuffle(this.lead.fields));
  }

  private maybeDeclare(record: RecordModel, names: readonly string[]): RecordModel {
    if (!this.rng.chance(0.5)) return record;
    const declared: RecordModel = { declaredAs: this.names.take(hostile(this.rng, names)), fields: record.fields };
    this.declaredRecords.push(declared);
    return declared;
  }

  private recordBody(record: RecordModel, indent: string): string {
    const inner = `${indent}  `;
    const inline = this.rng.chance(0.2);
    const fields = record.fields.map((f) => `${f.name}: ${this.typeText(f.type, inner)}${f.optional ? "?" : ""}`);
    if (inline) return `{ ${fields.join(", ")} }`;
    const sep = this.rng.chance(0.3) ? ",\n" : "\n";
    return `{\n${fields.map((f) => inner + f).join(sep)}\n${indent}}`;
  }

  private typeText(type: TypeModel, indent: string): string {
    switch (type.kind) {
      case "enum":
        return `one of ${type.members.join(", ")}`;
      case "record":
        return type.record.declaredAs ?? this.recordBody(type.record, indent);
      case "list":
        return `list of ${type.record.declaredAs ?? this.recordBody(type.record, indent)}`;
      default:
        return type.kind;
    }
  }

  // ------------------------------------------------------------ what is in scope

  /** Every value reachable by name: fields of the lead and of the enclosing items, records walked, lists not. */
  private accesses(ctx: Ctx): Access[] {
    const out: Access[] = [];
    const walk = (record: RecordModel, prefix: string, optional: boolean) => {
      for (const f of record.fields) {
        const text = prefix === "" ? f.name : `${prefix}.${f.name}`;
        const opt = optional || f.optional;
        out.push({ text, type: f.type, optional: opt });
        if (f.type.kind === "email") out.push({ text: `${text}.domain`, type: { kind: "text" }, optional: opt });
        if (f.type.kind === "record") walk(f.type.record, text, opt);
      }
    };
    walk(this.lead, "", false);
    for (const scope of ctx.scopes) walk(scope, "", false);
    return out;
  }

  private ofKind(ctx: Ctx, ...kinds: TypeModel["kind"][]): Access[] {
    return this.accesses(ctx).filter((a) => kinds.includes(a.type.kind));
  }

  /** Prefers the innermost item's fields inside a list scope, so conditions are mostly about the item. */
  private pickAccess(ctx: Ctx, candidates: Access[]): Access {
    if (ctx.scopes.length > 0) {
      const inner = candidates.filter((a) => this.isInnermost(ctx, a));
      if (inner.length > 0 && this.rng.chance(0.75)) return this.rng.pick(inner);
    }
    return this.rng.pick(candidates);
  }

  private isInnermost(ctx: Ctx, access: Access): boolean {
    const scope = ctx.scopes[ctx.scopes.length - 1];
    const head = access.text.split(".")[0];
    return scope !== undefined && scope.fields.some((f) => f.name === head);
  }

  // ------------------------------------------------------------ literals

  private intLiteral(): number {
    const value = this.rng.weighted<number>([
      [3, this.rng.int(0, 10)],
      [2, this.rng.pick([10, 20, 40, 50, 100, 180, 500, 1000])],
      [1, -this.rng.int(1, 20)],
      [1, this.rng.int(0, 100_000)],
    ]);
    this.pools.numbers.add(value);
    return value;
  }

  private decimalLiteral(): number {
    const value = this.rng.pick([0.5, 2.5, -1.25, 10.75, 1000000.5, 0.1, 0.2, 3.14159, 99.99]);
    this.pools.numbers.add(value);
    return value;
  }

  private dateLiteral(): string {
    const base = toDay(this.rng.pick(AS_OF_DATES));
    const iso = toIso(base + this.rng.int(-400, 30));
    this.pools.dates.add(iso);
    return iso;
  }

  private textLiteral(kind: "text" | "domain" | "pattern"): string {
    let value: string;
    if (kind === "domain") {
      value = this.rng.pick(DOMAINS);
      this.pools.domains.add(value);
    } else if (kind === "pattern") {
      value = this.rng.pick(["vp", "VP", "head", "OFFICER", "us", "a", "", "com", "@", "GMAIL", ".com", "ß", "web"]);
    } else {
      value = this.rng.pick(this.rng.chance(0.05) ? HOSTILE_TEXT : TEXT_WORDS);
    }
    this.pools.texts.add(value);
    return encodeString(value);
  }

  private window(): { amount: number; unit: Unit; text: string } {
    const unit = this.rng.pick<Unit>(["days", "weeks", "months"]);
    const amount = this.rng.weighted<number>([
      [1, 0],
      [3, this.rng.int(1, 3)],
      [3, unit === "days" ? this.rng.pick([7, 14, 30, 60, 90, 365]) : this.rng.int(1, 13)],
    ]);
    this.pools.windows.push([amount, unit]);
    const unitText = this.rng.chance(0.3) && amount === 1 ? unit.slice(0, -1) : unit;
    return { amount, unit, text: `${amount} ${unitText}` };
  }

  // ------------------------------------------------------------ conditions

  condition(ctx: Ctx, budget: number): Gen {
    const rng = this.rng;
    const options: Array<readonly [number, () => Gen | undefined]> = [
      [budget > 0 ? 3 : 0, () => this.logical(ctx, budget, "and")],
      [budget > 0 ? 2 : 0, () => this.logical(ctx, budget, "or")],
      [
        budget > 0 ? 1 : 0,
        () => ({ text: `not ${wrap(this.condition(ctx, budget - 1), 2)}`, level: 2, greedy: false }),
      ],
      [budget > 0 ? 0.5 : 0, () => atom(`(${this.condition(ctx, budget - 1).text})`)],
      [4, () => this.numericComparison(ctx, budget)],
      [2, () => this.textComparison(ctx)],
      [2, () => this.enumComparison(ctx)],
      [1, () => this.dateComparison(ctx)],
      [1.5, () => this.booleanValue(ctx)],
      [2, () => this.presence(ctx)],
      [2, () => this.window_(ctx)],
      [2, () => this.textMatch(ctx)],
      [budget > 0 ? 3 : 0.5, () => this.quantifier(ctx, budget, false)],
      [ctx.rules.length > 0 ? 2 : 0, () => atom(rng.pick(ctx.rules))],
      [ctx.grades.length > 0 ? 2 : 0, () => this.gradeComparison(ctx)],
      [0.2, () => atom(rng.pick(["true", "false"]))],
    ];
    for (let attempt = 0; attempt < 20; attempt++) {
      const result = rng.weighted(options)();
      if (result) return result;
    }
    return atom("true");
  }

  private logical(ctx: Ctx, budget: number, op: "and" | "or"): Gen {
    const operands = Array.from({ length: this.rng.int(2, 3) }, () => this.condition(ctx, budget - 1));
    // Sometimes spread over lines or spaced oddly: decisions name operands by their text, whitespace collapsed.
    const space = () =>
      this.rng.weighted<string>([
        [12, " "],
        [1, "\n    "],
        [1, "  "],
        [1, "\t"],
        [0.5, " \r\n  "],
      ]);
    return op === "and"
      ? { text: operands.map((o) => wrap(o, 2)).join(`${space()}and${space()}`), level: 1, greedy: false }
      : { text: operands.map((o) => wrap(o, 1)).join(`${space()}or${space()}`), level: 0, greedy: false };
  }

  private requirementCondition(ctx: Ctx): string {
    // Requirements lean on scores, grades and rules: that is where decisions are made.
    const rng = this.rng;
    const comparable = ctx.scores.filter((s) => this.threshold(s) !== undefined);
    if (comparable.length > 0 && rng.chance(0.3)) {
      const score = rng.pick(comparable);
      return `${score} ${rng.pick([">=", ">", "<", "<=", "=", "!="])} ${numberText(this.threshold(score)!)}`;
    }
    if (ctx.grades.length > 0 && rng.chance(0.2)) return this.gradeComparison(ctx)!.text;
    return this.condition(ctx, rng.int(0, 3)).text;
  }

  /**
   * A number strictly between the least and the greatest total the score can reach, so comparing
   * the score with it is neither always nor never true (the checker rejects such requirements).
   * Undefined for a score that can only ever have one total.
   */
  private threshold(score: string): number | undefined {
    const bounds = this.scoreBounds.get(score);
    if (!bounds || !(bounds.min < bounds.max)) return undefined;
    const inside = [0, 1, 2, 2.5, 5, 7.5, 10, 15, 20, 30, 40, 100, -5, -0.5].filter(
      (t) => bounds.min < t && t < bounds.max,
    );
    if (inside.length > 0) return this.rng.pick(inside);
    return Math.round(((bounds.min + bounds.max) / 2) * 100) / 100;
  }

  private numeric(ctx: Ctx, budget: number): { gen: Gen; integer: boolean; kind: string; score?: string } | undefined {
    const rng = this.rng;
    const fields = this.ofKind(ctx, "integer", "number");
    const dates = this.ofKind(ctx, "date");
    const lists = this.ofKind(ctx, "list");
    const scores = ctx.scores.filter((s) => this.threshold(s) !== undefined);
    const choice = rng.weighted<string>([
      [fields.length > 0 ? 5 : 0, "field"],
      [scores.length > 0 ? 3 : 0, "score"],
      [dates.length > 0 ? 1.5 : 0, "days"],
      [lists.length > 0 && budget > 0 ? 1.5 : 0, "count"],
      [0.3, "literal"],
    ]);
    switch (choice) {
      case "field": {
        const a = this.pickAccess(ctx, fields);
        return { gen: atom(a.text), integer: a.type.kind === "integer", kind: "field" };
      }
      case "score": {
        const score = rng.pick(scores);
        return { gen: atom(score), integer: false, kind: "score", score };
      }
      case "days":
        return { gen: atom(`days since ${this.pickAccess(ctx, dates).text}`), integer: true, kind: "days" };
      case "count": {
        const q = this.quantifier(ctx, budget, true);
        return q ? { gen: q, integer: true, kind: "count" } : undefined;
      }
      default:
        return { gen: atom(numberText(this.intLiteral())), integer: true, kind: "literal" };
    }
  }

  private numericComparison(ctx: Ctx, budget: number): Gen | undefined {
    const rng = this.rng;
    const left = this.numeric(ctx, budget);
    if (!left) return undefined;
    const op = rng.pick(["=", "!=", "<", "<=", ">", ">="]);
    let right: string;
    if (left.kind === "literal" || rng.chance(0.1)) {
      // Two constants would make a constant condition: the other side is never a literal then.
      const other = this.numeric(ctx, 0);
      if (!other || other.kind === "literal" || other.kind === "score" || left.kind === "score") return undefined;
      right = wrap(other.gen, 4);
    } else if (left.kind === "score") {
      right = numberText(this.threshold(left.score!)!);
    } else if (left.kind === "count") {
      right = numberText(rng.int(1, 4));
    } else {
      right = numberText(left.integer && rng.chance(0.8) ? this.intLiteral() : this.decimalLiteral());
    }
    if (left.kind !== "literal" && left.kind !== "score" && rng.chance(0.15)) {
      // `x in [1, 2.5, other_field]`: literals, sometimes another number of the lead.
      const fields = this.ofKind(ctx, "integer", "number");
      const items = Array.from({ length: rng.int(0, 3) }, () =>
        !this.avoids("in-list-with-missing-item") && rng.chance(0.25) && fields.length > 0
          ? this.pickAccess(ctx, fields).text
          : numberText(
              left.kind === "count" ? rng.int(0, 3) : rng.chance(0.7) ? this.intLiteral() : this.decimalLiteral(),
            ),
      );
      return {
        text: `${wrap(left.gen, 4)} ${rng.chance(0.3) ? "not in" : "in"} [${items.join(", ")}]`,
        level: 3,
        greedy: false,
      };
    }
    const [l, r] = rng.chance(0.1) ? [right, wrap(left.gen, 4)] : [wrap(left.gen, 4), right];
    const gap = rng.chance(0.1) ? "   " : " ";
    return { text: `${l}${gap}${op}${gap}${r}`, level: 3, greedy: false };
  }

  private textComparison(ctx: Ctx): Gen | undefined {
    const rng = this.rng;
    const fields = this.ofKind(ctx, "text", "email");
    if (fields.length === 0) return undefined;
    const a = this.pickAccess(ctx, fields);
    const domain = a.text.endsWith(".domain") || a.type.kind === "email";
    const lit = () => this.textLiteral(domain ? "domain" : "text");
    if (rng.chance(0.4)) {
      const items = Array.from({ length: rng.int(0, 3) }, () =>
        !this.avoids("in-list-with-missing-item") && rng.chance(0.2) ? this.pickAccess(ctx, fields).text : lit(),
      );
      return { text: `${a.text} ${rng.chance(0.3) ? "not in" : "in"} [${items.join(", ")}]`, level: 3, greedy: false };
    }
    const right = rng.chance(0.15) ? this.pickAccess(ctx, fields).text : lit();
    return { text: `${a.text} ${rng.pick(["=", "!="])} ${right}`, level: 3, greedy: false };
  }

  private enumComparison(ctx: Ctx): Gen | undefined {
    const rng = this.rng;
    const fields = this.ofKind(ctx, "enum");
    if (fields.length === 0) return undefined;
    const a = this.pickAccess(ctx, fields);
    const members = (a.type as { members: readonly string[] }).members;
    if (rng.chance(0.5)) {
      const items = rng.sample(members, rng.int(1, members.length));
      return { text: `${a.text} ${rng.chance(0.3) ? "not in" : "in"} [${items.join(", ")}]`, level: 3, greedy: false };
    }
    return { text: `${a.text} ${rng.pick(["=", "!="])} ${rng.pick(members)}`, level: 3, greedy: false };
  }

  private gradeComparison(ctx: Ctx): Gen | undefined {
    if (ctx.grades.length === 0) return undefined;
    const rng = this.rng;
    const grade = rng.pick(ctx.grades);
    if (rng.chance(0.5)) {
      const items = rng.sample(grade.values, rng.int(1, grade.values.length));
      return {
        text: `${grade.name} ${rng.chance(0.3) ? "not in" : "in"} [${items.join(", ")}]`,
        level: 3,
        greedy: false,
      };
    }
    return { text: `${grade.name} ${rng.pick(["=", "!="])} ${rng.pick(grade.values)}`, level: 3, greedy: false };
  }

  private dateComparison(ctx: Ctx): Gen | undefined {
    const dates = this.ofKind(ctx, "date");
    if (dates.length === 0) return undefined;
    const a = this.pickAccess(ctx, dates);
    const rng = this.rng;
    const item = () =>
      !this.avoids("in-list-with-missing-item") && rng.chance(0.25)
        ? this.pickAccess(ctx, dates).text
        : this.dateLiteral();
    if (rng.chance(0.2)) {
      const items = Array.from({ length: rng.int(1, 3) }, item);
      return { text: `${a.text} ${rng.chance(0.3) ? "not in" : "in"} [${items.join(", ")}]`, level: 3, greedy: false };
    }
    const right = rng.chance(0.2) ? this.pickAccess(ctx, dates).text : this.dateLiteral();
    return { text: `${a.text} ${rng.pick(["=", "!=", "<", "<=", ">", ">="])} ${right}`, level: 3, greedy: false };
  }

  private booleanValue(ctx: Ctx): Gen | undefined {
    const fields = this.ofKind(ctx, "boolean");
    if (fields.length === 0) return undefined;
    const a = this.pickAccess(ctx, fields);
    const bareAllowed = !(a.optional && this.avoids("absent-boolean-as-condition"));
    if (bareAllowed && this.rng.chance(0.6)) return atom(a.text);
    const right = this.rng.chance(0.7) ? this.rng.pick(["true", "false"]) : this.pickAccess(ctx, fields).text;
    return { text: `${a.text} ${this.rng.pick(["=", "!="])} ${right}`, level: 3, greedy: false };
  }

  private presence(ctx: Ctx): Gen | undefined {
    const optional = this.accesses(ctx).filter((a) => a.optional);
    if (optional.length === 0) return undefined;
    const a = this.pickAccess(ctx, optional);
    return { text: `${a.text} is ${this.rng.pick(["missing", "present"])}`, level: 3, greedy: false };
  }

  private window_(ctx: Ctx): Gen | undefined {
    const dates = this.ofKind(ctx, "date");
    if (dates.length === 0) return undefined;
    const a = this.pickAccess(ctx, dates);
    const w = this.window();
    const mode = this.rng.chance(0.6) ? "within" : "older than";
    return { text: `${a.text} ${mode} ${w.text}`, level: 3, greedy: false };
  }

  private textMatch(ctx: Ctx): Gen | undefined {
    const rng = this.rng;
    const fields = this.ofKind(ctx, "text", "email");
    if (fields.length === 0) return undefined;
    const a = this.pickAccess(ctx, fields);
    const op = rng.pick(["contains", "starts with", "ends with"]);
    const pattern = rng.chance(0.1) ? this.pickAccess(ctx, fields).text : this.textLiteral("pattern");
    return { text: `${a.text} ${op} ${pattern}`, level: 3, greedy: false };
  }

  /** `any/no/all/count <list> [where C] [have P]`; `count` only when a number is wanted. */
  private quantifier(ctx: Ctx, budget: number, count: boolean): Gen | undefined {
    const rng = this.rng;
    const lists = this.ofKind(ctx, "list");
    if (lists.length === 0) return undefined;
    const list = this.pickAccess(ctx, lists);
    const element = (list.type as { record: RecordModel }).record;
    const inner: Ctx = { ...ctx, scopes: [...ctx.scopes, element] };
    const q = count ? "count" : rng.pick(["any", "any", "no", "all", "all"]);
    const sub = Math.max(0, budget - 1);
    const where = rng.chance(0.85) ? this.condition(inner, sub) : undefined;
    const have = q === "all" && rng.chance(0.5) ? this.condition(inner, sub) : undefined;
    let text = `${q} ${list.text}`;
    // A `where` condition followed by `have` is parenthesised when it could swallow the `have`.
    // (`any people have ...` would bind the `have` to the inner `any`, so a trailing quantifier counts too.)
    const swallows = where !== undefined && (where.greedy || /\b(any|all|no|count) [\w.]+$/.test(where.text));
    if (where) text += ` where ${have && (swallows || rng.chance(0.3)) ? `(${where.text})` : where.text}`;
    if (have) text += ` have ${have.text}`;
    const greedy = where !== undefined || have !== undefined;
    return { text, level: 4, greedy };
  }

  // ------------------------------------------------------------ scores and grades

  private score(name: string, ctx: Ctx): string {
    const rng = this.rng;
    const limits: string[] = [];
    let floor: number | undefined;
    if (rng.chance(0.4)) {
      floor = rng.pick([0, -10, 5, -2.5]);
      limits.push(`at least ${floor}`);
    }
    let scoreCap: number | undefined;
    if (rng.chance(0.4)) {
      scoreCap = Math.max(floor ?? 0, rng.pick([10, 25, 50, 100, 150, 7.5]));
      limits.push(`at most ${scoreCap}`);
    }
    const header = `score ${name}${this.maybeLabel(0.5)}${rng
      .shuffle(limits)
      .map((l) => `, ${l}`)
      .join("")} {`;
    const lines: string[] = [];
    const lineNames = new Set<string>();
    let min = 0;
    let max = 0;
    const lineCount = rng.weighted<number>([
      [0.2, 0],
      [6, rng.int(1, 4)],
      [2, rng.int(5, 7)],
    ]);
    for (let i = 0; i < lineCount; i++) {
      let lineName = rng.pick(
        hostile(rng, ["opens", "clicks", "demos", "webinars", "personal", "titled", "team", "recent", "big"]),
      );
      while (lineNames.has(lineName)) lineName = `${lineName}_${i}`;
      lineNames.add(lineName);
      const points = rng.weighted<number>([
        [5, rng.pick([1, 2, 3, 5, 10, 15, 20, 30])],
        [2, rng.pick([-5, -10, -20, -0.5])],
        [2, rng.pick([0.1, 0.2, 0.3, 1.25, 2.5, 7.77, 15.5, 33.333, 1.005, 2.675, 0.125, 1.115])],
        [0.3, 0],
      ]);
      const modifiers: string[] = [];
      const cap = rng.chance(0.35) ? rng.pick([1, 5, 9, 10, 20, 0.5, 12.5]) : undefined;
      if (cap !== undefined) modifiers.push(`at most ${cap}`);
      const reach = cap ?? Number.POSITIVE_INFINITY;
      const lists = this.ofKind(ctx, "list");
      let body: string;
      if (lists.length > 0 && rng.chance(0.6)) {
        const list = rng.pick(lists);
        const element = (list.type as { record: RecordModel }).record;
        const inner: Ctx = { ...ctx, scopes: [element] };
        body = `${points} per ${list.text}`;
        if (points > 0) max += reach;
        if (points < 0) min -= reach;
        if (rng.chance(0.8)) body += ` where ${this.condition(inner, rng.int(0, 2)).text}`;
        const dates = element.fields.filter((f) => f.type.kind === "date" && !f.optional);
        if (dates.length > 0 && rng.chance(0.4)) {
          const days = rng.pick([1, 7, 14, 30, 45, 60, 90, 0.5, 2.5]);
          this.pools.decays.add(days);
          const unit = days === 1 && rng.chance(0.5) ? "day" : "days";
          const field = rng.pick(dates).name;
          modifiers.push(
            rng.chance(0.5) ? `half-life ${days} ${unit} on ${field}` : `half after ${days} ${unit} on ${field}`,
          );
        }
      } else {
        body = `${points} if ${this.condition(ctx, rng.int(0, 2)).text}`;
        const earned = Math.min(reach, Math.abs(points)) * Math.sign(points);
        min += Math.min(0, earned);
        max += Math.max(0, earned);
      }
      lines.push(
        `  ${lineName}${this.maybeLabel(0.3)}: ${body}${rng
          .shuffle(modifiers)
          .map((m) => `, ${m}`)
          .join("")}`,
      );
    }
    const clamp = (v: number) => Math.min(scoreCap ?? Infinity, Math.max(floor ?? -Infinity, v));
    this.scoreBounds.set(name, { min: clamp(min), max: clamp(max) });
    return `${header}\n${lines.join("\n")}\n}`;
  }

  private grade(name: string, values: readonly string[], ctx: Ctx): string {
    const branches = values.map((value, i) =>
      i === values.length - 1
        ? `  otherwise ${value}${this.maybeLabel(0.2)}`
        : `  ${value}${this.maybeLabel(0.3)} if ${this.condition(ctx, this.rng.int(0, 2)).text}`,
    );
    return `grade ${name}${this.maybeLabel(0.5)} {\n${branches.join("\n")}\n}`;
  }
}

export function generatePolicy(seed: number, options: GeneratorOptions = {}): GeneratedPolicy {
  return new PolicyGenerator(seed, options).generate();
}

// ------------------------------------------------------------ leads

export interface GeneratedLead {
  readonly lead: Record<string, unknown>;
  readonly asOf: string;
}

/** A random lead for the policy's lead shape, and a random evaluation date. */
export function generateLead(policy: GeneratedPolicy, rng: Random): GeneratedLead {
  const asOf = rng.chance(0.7) ? rng.pick(AS_OF_DATES) : toIso(toDay("2025-06-01") + rng.int(0, 700));
  const pools = policy.pools;
  const near = (iso: string) => toIso(toDay(iso) + rng.int(-1, 1));
  const date = (): string => {
    const choice = rng.weighted<string>([
      [2, "asOf"],
      [pools.windows.length > 0 ? 4 : 0, "window"],
      [pools.decays.size > 0 ? 2 : 0, "decay"],
      [pools.dates.size > 0 ? 2 : 0, "literal"],
      [2, "random"],
    ]);
    switch (choice) {
      case "asOf":
        return toIso(toDay(asOf) + rng.int(-3, 3));
      case "window": {
        const [amount, unit] = rng.pick(pools.windows);
        return near(windowStart(asOf, amount, unit));
      }
      case "decay":
        return toIso(toDay(asOf) - Math.floor(rng.pick([...pools.decays]) * rng.int(0, 3)) + rng.int(-1, 1));
      case "literal":
        return near(rng.pick([...pools.dates]));
      default:
        return toIso(toDay(asOf) + rng.int(-800, 60));
    }
  };
  const text = (): string => {
    const base = pools.texts.size > 0 && rng.chance(0.7) ? rng.pick([...pools.texts]) : rng.pick(TEXT_WORDS);
    return rng.weighted<string>([
      [5, base],
      [1, base.toUpperCase()],
      [1, base.toLowerCase()],
      [1, `x${base}`],
      [1, `${base}y`],
    ]);
  };
  const email = (): string => {
    const domain = pools.domains.size > 0 && rng.chance(0.7) ? rng.pick([...pools.domains]) : rng.pick(DOMAINS);
    const cased = rng.weighted<string>([
      [4, domain],
      [1, domain.toUpperCase()],
      [1, `mail.${domain}`],
    ]);
    return `${rng.pick(["ann", "bob.smith", "x+tag", "VP"])}@${cased}`;
  };
  const number = (integer: boolean): number => {
    const literals = [...pools.numbers];
    let value = rng.weighted<number>([
      [4, rng.pick(literals)],
      [2, rng.pick(literals) + rng.pick([-1, 1, -0.5, 0.5, 0.01])],
      [1, rng.int(-5, 200)],
    ]);
    if (integer) value = Math.round(value);
    return value === 0 ? 0 : value; // no -0 in a lead
  };
  const record = (model: RecordModel): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const field of model.fields) {
      if (field.optional) {
        const r = rng.next();
        if (r < 0.2) continue; // absent
        if (r < 0.35) {
          out[field.name] = null;
          continue;
        }
      }
      out[field.name] = value(field.type);
    }
    return out;
  };
  const value = (type: TypeModel): unknown => {
    switch (type.kind) {
      case "text":
        return text();
      case "email":
        return email();
      case "integer":
        return number(true);
      case "number":
        return number(false);
      case "boolean":
        return rng.chance(0.5);
      case "date":
        return date();
      case "enum":
        return rng.pick(type.members);
      case "record":
        return record(type.record);
      case "list":
        return Array.from(
          {
            length: rng.weighted<number>([
              [2, 0],
              [3, 1],
              [3, rng.int(2, 3)],
              [1, rng.int(4, 6)],
            ]),
          },
          () => record(type.record),
        );
    }
  };
  return { lead: record(policy.lead), asOf };
}
