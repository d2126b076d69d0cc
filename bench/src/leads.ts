import type { Activity, Lead } from "@acme/lead-criteria/inbound";
import { Random } from "./random.js";

/**
 * Realistic inbound leads for criteria/policies/inbound.gate, valid under its schema. The mix is
 * chosen so every branch of the policy is taken often enough to matter in a benchmark: all fit
 * grades, all disqualifiers, missing optional fields, recycled leads, overrides, and every stage.
 * About a third are "in market": a buyer at a target company who is actively evaluating, the
 * leads that reach the sales stages; the rest are the usual inbound mix.
 * Optional fields that a lead lacks are left out, as in real JSON, so lead objects have the
 * varied shapes a service sees (which matters to the JIT).
 */

/** The evaluation day of every benchmark: the activity dates are generated backwards from it. */
export const AS_OF = "2026-11-01";

const AS_OF_TIME = Date.UTC(2026, 10, 1);
const DAY_MS = 86_400_000;

const COMPANY_DOMAINS = ["northwind.io", "contoso.com", "fabrikam.de", "globex.co.uk", "initech.com", "umbrella.fr"];
const PERSONAL_DOMAINS = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com"];
const FIRST_NAMES = ["maria", "ravi", "dana", "li", "ahmed", "sofia", "jan", "olga", "kofi", "emma"];
const TITLES = ["VP of Sales", "Director of Revenue Operations", "Marketing Manager", "Engineer", "CFO", "Student"];
const COUNTRIES: ReadonlyArray<readonly [number, string]> = [
  [30, "US"],
  [8, "CA"],
  [10, "GB"],
  [3, "IE"],
  [10, "DE"],
  [6, "FR"],
  [4, "NL"],
  [5, "BR"],
  [5, "IN"],
  [4, "AU"],
  [3, "JP"],
];
const KINDS: ReadonlyArray<readonly [number, Activity["kind"]]> = [
  [22, "email_open"],
  [16, "email_click"],
  [14, "content_download"],
  [8, "webinar_attended"],
  [6, "event_attended"],
  [4, "demo_request"],
  [10, "pricing_page_visit"],
  [8, "call_connected"],
  [4, "meeting_held"],
];

function isoDaysAgo(days: number): string {
  return new Date(AS_OF_TIME - days * DAY_MS).toISOString().slice(0, 10);
}

/** How long ago an activity happened: mostly recent, with a long tail past every window. */
function activityAge(rng: Random, inMarket: boolean): number {
  const band = rng.weighted([
    [inMarket ? 7 : 4, [0, 30]],
    [3, [31, 90]],
    [inMarket ? 1 : 3, [91, 400]],
  ] as const);
  return rng.int(band[0], band[1]);
}

function activities(rng: Random, inMarket: boolean): Activity[] {
  // 6 to 20, about 13 on average: the figure the throughput floors were set for.
  const count = rng.int(6, 20);
  const out: Activity[] = [];
  for (let i = 0; i < count; i++) out.push({ kind: rng.weighted(KINDS), at: isoDaysAgo(activityAge(rng, inMarket)) });
  if (inMarket) {
    // Evaluating now: a recent demo request or pricing visit, often a meeting.
    out[0] = { kind: rng.pick(["demo_request", "pricing_page_visit"] as const), at: isoDaysAgo(rng.int(0, 25)) };
    if (rng.chance(0.5)) out[1] = { kind: "meeting_held", at: isoDaysAgo(rng.int(0, 50)) };
  }
  // Oldest first, as a CRM export lists them.
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function email(rng: Random, index: number): string {
  const name = `${rng.pick(FIRST_NAMES)}.${index}`;
  const domain = rng.weighted<() => string>([
    [78, () => rng.pick(COMPANY_DOMAINS)],
    [14, () => rng.pick(PERSONAL_DOMAINS)],
    [3, () => "state.edu"],
    [2, () => rng.pick(["rivalcrm.com", "pipelinepro.io"])],
    [1, () => rng.pick(["example.com", "mailinator.com"])],
    // Domains are compared without case: a few leads type theirs in capitals.
    [2, () => "Northwind.IO"],
  ])();
  return `${name}@${domain}`;
}

export function generateLead(rng: Random, index: number): Lead {
  const inMarket = rng.chance(0.35);
  const lead: Lead = {
    email: email(rng, index),
    seniority: rng.weighted(
      inMarket
        ? ([
            [30, "manager"],
            [35, "director"],
            [25, "vp"],
            [10, "c_level"],
          ] as const)
        : ([
            [5, "student"],
            [40, "ic"],
            [25, "manager"],
            [15, "director"],
            [10, "vp"],
            [5, "c_level"],
          ] as const),
    ),
    role: rng.weighted([
      [inMarket ? 50 : 15, "decision_maker"],
      [inMarket ? 40 : 25, "influencer"],
      [30, "user"],
      [15, "unknown"],
    ] as const),
    company: {
      name: rng.chance(0.01) ? rng.pick(["test", "n/a", "asdf"]) : `Company ${index % 5000}`,
      industry: rng.weighted([
        [30, "software"],
        [15, "finance"],
        [12, "healthcare"],
        [10, "manufacturing"],
        [inMarket ? 0 : 10, "retail"],
        [inMarket ? 0 : 8, "education"],
        [inMarket ? 0 : 5, "government"],
        [inMarket ? 0 : 10, "other"],
      ] as const),
      country: inMarket ? rng.pick(["US", "CA", "GB", "DE", "FR"]) : rng.weighted(COUNTRIES),
    },
    budget: rng.weighted([
      [inMarket ? 5 : 35, "unknown"],
      [inMarket ? 0 : 15, "none"],
      [25, "known_amount"],
      [15, "approval_pending"],
      [20, "budgeted"],
    ] as const),
    agreed_to_meet: rng.chance(inMarket ? 0.7 : 0.15),
    unsubscribed: rng.chance(inMarket ? 0.01 : 0.08),
    activities: [],
  };
  if (rng.chance(0.7)) lead.title = rng.pick(TITLES);
  // Employee counts spread evenly on a log scale, from 1 to 20,000 (in market: 50 to 5,000); 15% lack one.
  if (rng.chance(0.85)) {
    const [low, high] = inMarket ? [50, 5000] : [1, 20_000];
    lead.company.employees = Math.round(Math.exp(Math.log(low) + rng.next() * Math.log(high / low)));
  }
  if (rng.chance(inMarket ? 0.9 : 0.5)) lead.need_confirmed = rng.chance(inMarket ? 0.97 : 0.8);
  if (rng.chance(inMarket ? 0.85 : 0.5)) lead.timeframe_days = inMarket ? rng.int(7, 200) : rng.int(0, 365);
  if (rng.chance(0.12)) lead.recycled_on = isoDaysAgo(rng.int(5, 120));
  lead.activities = activities(rng, inMarket);
  if (rng.chance(0.03)) {
    const requester = `rep.${index % 40}@northwind.io`;
    lead.override = { stage: rng.pick(["MQL", "SQL", "SAL"] as const), requested_by: requester };
    if (rng.chance(0.8)) lead.override.reason = "Met at the partner summit";
    if (rng.chance(0.7)) lead.override.approver = rng.chance(0.85) ? "manager@northwind.io" : requester;
  }
  return lead;
}

/** `count` leads from `seed`; the same arguments give the same leads on every machine. */
export function generateLeads(count: number, seed: number): Lead[] {
  const rng = new Random(seed);
  const out: Lead[] = [];
  for (let i = 0; i < count; i++) out.push(generateLead(rng, i));
  return out;
}
