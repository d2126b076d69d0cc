import type { Activity, Lead } from "@acme/lead-criteria/inbound";
import type { Status } from "@leadgate/runtime";
import { Engine, type Almanac, type NestedCondition, type RuleProperties } from "json-rules-engine";
import type { CoreDecision } from "../core-decision.js";
import { dayNumber, round2 } from "./calendar.js";

/**
 * inbound.gate encoded for json-rules-engine 7, the way a JavaScript team typically uses it:
 * every condition of the policy is a JSON condition (named conditions for the policy's rules,
 * JSONPath for nested fields), every score line, grade branch, disqualifier, requirement and
 * stage is an engine rule, and results are read from the events that fire.
 *
 * What JSON conditions cannot express is done where such teams do it:
 * - computed facts: the email domain, and counts and points of activities in a window
 *   (the engine has no list quantifiers or date arithmetic);
 * - rule chaining: score lines run first (higher priority) and store their points as runtime
 *   facts, from which the `engagement` and `fit` facts that the gates test are computed;
 * - missing data: the engine only knows true or false, so requirements that can be undecided
 *   get a second rule that fires when the data they need is missing (a custom operator);
 * - glue: capping and rounding points, picking the first grade branch and the first
 *   disqualifier, and turning events into the decision.
 */

/** What the engine sees of a lead: its fields, plus the evaluation day. */
type Facts = Lead & { asOfDay: number };

interface ActivityWindow {
  kinds: readonly Activity["kind"][];
  withinDays: number;
}

interface PointsParams extends ActivityWindow {
  each: number;
  halfAfterDays?: number;
  halfLifeDays?: number;
}

/** Parameters of a `points` event once the engine has replaced its facts. */
interface PointsEvent {
  line: string;
  cap?: number;
  points?: number;
  raw?: number;
}

const LINES = [
  "email_opens",
  "email_clicks",
  "content",
  "webinars",
  "events",
  "pricing",
  "demo",
  "personal",
  "student_penalty",
  "unsubscribed_penalty",
] as const;

const GATES: Record<string, { requirements: readonly string[]; canBeMissing: readonly string[] }> = {
  MQL: { requirements: ["good_fit", "engaged", "reachable"], canBeMissing: ["good_fit"] },
  SQL: {
    requirements: ["budget", "authority", "need", "timeframe", "intent", "engaged_since_recycling"],
    canBeMissing: ["need", "timeframe"],
  },
  SAL: { requirements: ["agreed_to_meet", "met"], canBeMissing: [] },
};
const STAGES = ["MQL", "SQL", "SAL"] as const;
const DISQUALIFIERS = ["competitor", "no_need", "bad_data"] as const;

// ------------------------------------------------------------ conditions

const company = (path: string, operator: string, value: unknown): NestedCondition => ({
  fact: "company",
  path: `$.${path}`,
  operator,
  value,
});
const activityCount = (window: ActivityWindow): NestedCondition => ({
  fact: "activityCount",
  params: window,
  operator: "greaterThan",
  value: 0,
});
const ref = (condition: string): NestedCondition => ({ condition });

/** The policy's rules, disqualifiers and requirements as named conditions, shared by the rules below. */
const CONDITIONS: Record<string, NestedCondition> = {
  target_industry: company("industry", "in", ["software", "finance", "healthcare", "manufacturing"]),
  right_size: {
    all: [company("employees", "greaterThanInclusive", 50), company("employees", "lessThanInclusive", 5000)],
  },
  served_country: company("country", "in", ["US", "CA", "GB", "IE", "DE", "FR", "NL"]),
  target_market: { all: [ref("target_industry"), ref("right_size"), ref("served_country")] },
  buyer_seniority: { fact: "seniority", operator: "in", value: ["manager", "director", "vp", "c_level"] },
  personal_email: {
    fact: "emailDomain",
    operator: "in",
    value: ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com"],
  },
  student: {
    any: [
      { fact: "seniority", operator: "equal", value: "student" },
      { fact: "emailDomain", operator: "endsWith", value: ".edu" },
    ],
  },
  engaged_since_recycling: {
    any: [
      { fact: "recycled_on", operator: "isMissing", value: true },
      { fact: "activitiesSinceRecycling", operator: "greaterThan", value: 0 },
    ],
  },

  competitor: { fact: "emailDomain", operator: "in", value: ["rivalcrm.com", "pipelinepro.io"] },
  no_need: { fact: "need_confirmed", operator: "equal", value: false },
  bad_data: {
    any: [
      { fact: "emailDomain", operator: "in", value: ["example.com", "test.com", "mailinator.com"] },
      company("name", "in", ["test", "n/a", "none", "asdf"]),
    ],
  },
  disqualified: { any: DISQUALIFIERS.map(ref) },

  "MQL.good_fit": { fact: "fit", operator: "in", value: ["A", "B"] },
  "MQL.good_fit missing": { fact: "fit", operator: "isMissing", value: true },
  "MQL.engaged": { fact: "engagement", operator: "greaterThanInclusive", value: 40 },
  "MQL.reachable": { fact: "unsubscribed", operator: "equal", value: false },
  "SQL.budget": { fact: "budget", operator: "in", value: ["known_amount", "approval_pending", "budgeted"] },
  "SQL.authority": {
    all: [{ fact: "role", operator: "in", value: ["decision_maker", "influencer"] }, ref("buyer_seniority")],
  },
  "SQL.need": { fact: "need_confirmed", operator: "equal", value: true },
  "SQL.need missing": { fact: "need_confirmed", operator: "isMissing", value: true },
  "SQL.timeframe": { fact: "timeframe_days", operator: "lessThanInclusive", value: 180 },
  "SQL.timeframe missing": { fact: "timeframe_days", operator: "isMissing", value: true },
  "SQL.intent": activityCount({ kinds: ["demo_request", "pricing_page_visit"], withinDays: 30 }),
  "SQL.engaged_since_recycling": ref("engaged_since_recycling"),
  "SAL.agreed_to_meet": { fact: "agreed_to_meet", operator: "equal", value: true },
  "SAL.met": activityCount({ kinds: ["meeting_held"], withinDays: 60 }),
  "override.reason": { fact: "override", path: "$.reason", operator: "isPresent", value: true },
  "override.approver": {
    all: [
      { fact: "override", path: "$.approver", operator: "isPresent", value: true },
      {
        fact: "override",
        path: "$.approver",
        operator: "notEqual",
        value: { fact: "override", path: "$.requested_by" },
      },
    ],
  },
};

for (const [gate, { requirements }] of Object.entries(GATES))
  CONDITIONS[`gate ${gate}`] = { all: requirements.map((r) => ref(`${gate}.${r}`)) };

// ------------------------------------------------------------ rules

const SCORING = 2; // score lines, grade branches and disqualifiers run before...
const DECIDING = 1; // ...the requirements and stages that read their results.

function perLine(line: string, window: ActivityWindow, cap: number, points: Omit<PointsParams, keyof ActivityWindow>) {
  return {
    name: `score ${line}`,
    priority: SCORING,
    conditions: { all: [activityCount(window)] },
    event: { type: "points", params: { line, cap, raw: { fact: "activityPoints", params: { ...window, ...points } } } },
  };
}

function ifLine(line: string, condition: NestedCondition, points: number) {
  return {
    name: `score ${line}`,
    priority: SCORING,
    conditions: { all: [condition] },
    event: { type: "points", params: { line, points } },
  };
}

const RULES: RuleProperties[] = [
  perLine("email_opens", { kinds: ["email_open"], withinDays: 90 }, 5, { each: 1 }),
  perLine("email_clicks", { kinds: ["email_click"], withinDays: 90 }, 15, { each: 3 }),
  perLine("content", { kinds: ["content_download"], withinDays: 180 }, 24, { each: 8, halfAfterDays: 60 }),
  perLine("webinars", { kinds: ["webinar_attended"], withinDays: 365 }, 20, { each: 10, halfLifeDays: 45 }),
  perLine("events", { kinds: ["event_attended"], withinDays: 365 }, 24, { each: 12 }),
  perLine("pricing", { kinds: ["pricing_page_visit"], withinDays: 30 }, 10, { each: 5 }),
  ifLine("demo", activityCount({ kinds: ["demo_request"], withinDays: 30 }), 25),
  ifLine("personal", ref("personal_email"), -10),
  ifLine("student_penalty", ref("student"), -30),
  ifLine("unsubscribed_penalty", { fact: "unsubscribed", operator: "equal", value: true }, -20),

  ...(
    [
      ["A", [ref("target_market"), { fact: "seniority", operator: "in", value: ["director", "vp", "c_level"] }]],
      ["B", [ref("target_market"), ref("buyer_seniority")]],
      ["C", [ref("target_industry"), ref("served_country")]],
      // Without an employee count, target_market cannot be decided: neither A nor B can be ruled out.
      [
        "undecided",
        [
          ref("target_industry"),
          ref("served_country"),
          company("employees", "isMissing", true),
          ref("buyer_seniority"),
        ],
      ],
    ] as const
  ).map(([branch, all]) => ({
    name: `fit ${branch}`,
    priority: SCORING,
    conditions: { all: [...all] },
    event: { type: "fit", params: { branch } },
  })),

  ...DISQUALIFIERS.map((name) => ({
    name: `disqualify ${name}`,
    priority: SCORING,
    conditions: { all: [ref(name)] },
    event: { type: "disqualified", params: { name } },
  })),

  ...Object.entries(GATES).flatMap(([gate, { requirements, canBeMissing }]) => [
    ...requirements.map((name) => requirementRule(gate, name, "passed")),
    ...canBeMissing.map((name) => requirementRule(gate, name, "missing")),
  ]),
  requirementRule("override", "reason", "passed"),
  requirementRule("override", "approver", "passed"),

  ...STAGES.map((stage, rank) => ({
    name: `stage ${stage}`,
    priority: DECIDING,
    conditions: { all: [{ not: ref("disqualified") }, ...STAGES.slice(0, rank + 1).map((s) => ref(`gate ${s}`))] },
    event: { type: "stage", params: { stage, rank } },
  })),
  {
    name: "override honoured",
    priority: DECIDING,
    conditions: {
      all: [
        { fact: "override", path: "$.stage", operator: "isPresent", value: true },
        { not: ref("disqualified") },
        ref("override.reason"),
        ref("override.approver"),
      ],
    },
    event: { type: "override", params: { stage: { fact: "override", path: "$.stage" } } },
  },
];

function requirementRule(gate: string, name: string, status: "passed" | "missing"): RuleProperties {
  const condition = `${gate}.${name}${status === "missing" ? " missing" : ""}`;
  return {
    name: condition,
    priority: DECIDING,
    conditions: { all: [ref(condition)] },
    event: { type: "requirement", params: { gate, name, status } },
  };
}

// ------------------------------------------------------------ computed facts

async function activitiesOf(almanac: Almanac): Promise<{ activities: Activity[]; today: number }> {
  const [activities, today] = await Promise.all([
    almanac.factValue<Activity[]>("activities"),
    almanac.factValue<number>("asOfDay"),
  ]);
  return { activities, today };
}

/** Activities of the given kinds from the window's first day to the evaluation day, with their ages. */
function* inWindow(activities: readonly Activity[], today: number, window: ActivityWindow): Generator<number> {
  for (const activity of activities) {
    if (!window.kinds.includes(activity.kind)) continue;
    const age = today - dayNumber(activity.at);
    if (age >= 0 && age <= window.withinDays) yield age;
  }
}

function linePoints(event: PointsEvent): number {
  if (event.points !== undefined) return event.points;
  return round2(Math.min(event.raw ?? 0, event.cap ?? Infinity));
}

function createEngine(): Engine {
  const engine = new Engine(RULES, { allowUndefinedFacts: true, replaceFactsInEventParams: true });
  engine.addOperator("isMissing", (value: unknown) => value == null);
  engine.addOperator("isPresent", (value: unknown) => value != null);
  engine.addOperator(
    "endsWith",
    (value: unknown, suffix: string) => typeof value === "string" && value.endsWith(suffix),
  );
  for (const [name, condition] of Object.entries(CONDITIONS)) {
    // Named conditions must be a top-level all/any/not/reference.
    engine.setCondition(
      name,
      "all" in condition || "any" in condition || "not" in condition ? condition : { all: [condition] },
    );
  }

  engine.addFact("emailDomain", async (_params, almanac) => {
    const email = await almanac.factValue<string>("email");
    return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  });
  engine.addFact("activityCount", async (params, almanac) => {
    const { activities, today } = await activitiesOf(almanac);
    let count = 0;
    for (const _age of inWindow(activities, today, params as ActivityWindow)) count++;
    return count;
  });
  engine.addFact("activityPoints", async (params, almanac) => {
    const { activities, today } = await activitiesOf(almanac);
    const p = params as PointsParams;
    let points = 0;
    for (const age of inWindow(activities, today, p)) {
      let factor = 1;
      if (p.halfAfterDays !== undefined && age > p.halfAfterDays) factor = 0.5;
      if (p.halfLifeDays !== undefined && age > 0) factor = Math.pow(0.5, age / p.halfLifeDays);
      points += p.each * factor;
    }
    return points;
  });
  engine.addFact("activitiesSinceRecycling", async (_params, almanac) => {
    const [activities, recycledOn] = await Promise.all([
      almanac.factValue<Activity[]>("activities"),
      almanac.factValue<string | undefined>("recycled_on"),
    ]);
    return recycledOn == null ? 0 : activities.filter((a) => a.at > recycledOn).length;
  });
  // Chained from the scoring rules, which store each line's points as a runtime fact.
  engine.addFact("engagement", async (_params, almanac) => {
    let sum = 0;
    for (const line of LINES) sum += (await almanac.factValue<number | undefined>(`points ${line}`)) ?? 0;
    return Math.min(Math.max(round2(sum), 0), 100);
  });
  engine.addFact("fit", async (_params, almanac) => {
    const fired = async (branch: string) => (await almanac.factValue<boolean | undefined>(`fit ${branch}`)) === true;
    if (await fired("undecided")) return null;
    for (const branch of ["A", "B", "C"]) if (await fired(branch)) return branch;
    return "D";
  });
  engine.on("points", (params: PointsEvent, almanac: Almanac) => {
    almanac.addRuntimeFact(`points ${params.line}`, linePoints(params));
  });
  engine.on("fit", (params: { branch: string }, almanac: Almanac) => {
    almanac.addRuntimeFact(`fit ${params.branch}`, true);
  });
  return engine;
}

// ------------------------------------------------------------ reading the decision from the events

function worst(statuses: readonly Status[]): Status {
  return statuses.includes("failed") ? "failed" : statuses.includes("missing") ? "missing" : "passed";
}

export function rulesEngineEvaluator(asOf: string): (lead: Lead) => Promise<CoreDecision> {
  const engine = createEngine();
  const asOfDay = dayNumber(asOf);
  return async (lead) => {
    const facts: Facts = { ...lead, asOfDay };
    const { events, almanac } = await engine.run(facts);
    const lines: Record<string, number> = Object.fromEntries(LINES.map((line) => [line, 0]));
    const requirementStatus = new Map<string, Status>();
    const disqualifiers = new Set<string>();
    let stageRank = -1;
    let overrideStage: string | null = null;
    for (const event of events) {
      const p = event.params ?? {};
      if (event.type === "points") lines[p["line"] as string] = linePoints(p as PointsEvent);
      else if (event.type === "disqualified") disqualifiers.add(p["name"] as string);
      else if (event.type === "stage") stageRank = Math.max(stageRank, p["rank"] as number);
      else if (event.type === "override") overrideStage = p["stage"] as string;
      else if (event.type === "requirement") {
        const key = `${p["gate"] as string}.${p["name"] as string}`;
        // A requirement that passed cannot also be missing; `passed` wins if both rules fired.
        if (requirementStatus.get(key) !== "passed") requirementStatus.set(key, p["status"] as Status);
      }
    }
    const statusOf = (gate: string, name: string): Status => requirementStatus.get(`${gate}.${name}`) ?? "failed";
    const gates: CoreDecision["gates"] = {};
    for (const [gate, { requirements }] of Object.entries(GATES)) {
      const statuses = Object.fromEntries(requirements.map((name) => [name, statusOf(gate, name)]));
      gates[gate] = { status: worst(Object.values(statuses)), requirements: statuses };
    }
    const disqualified = DISQUALIFIERS.find((name) => disqualifiers.has(name)) ?? null;
    let override: CoreDecision["override"] = null;
    const requested = lead.override?.stage;
    if (requested != null) {
      const requirements = { reason: statusOf("override", "reason"), approver: statusOf("override", "approver") };
      override = {
        stage: requested,
        honoured: overrideStage !== null,
        status: worst(Object.values(requirements)),
        requirements,
      };
    }
    return {
      stage: overrideStage ?? (stageRank < 0 ? null : STAGES[stageRank]!),
      disqualified,
      fit: await almanac.factValue<string | null>("fit"),
      engagement: await almanac.factValue<number>("engagement"),
      lines,
      gates,
      override,
    };
  };
}
