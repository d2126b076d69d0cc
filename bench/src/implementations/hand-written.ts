import type { Decision, Lead, Stage } from "@acme/lead-criteria/inbound";
import type { RequirementResult, Status } from "@leadgate/runtime";
import { dayNumber, round2 } from "./calendar.js";

/**
 * criteria/policies/inbound.gate written by hand in TypeScript, returning the very Decision the
 * compiled evaluator returns (labels, looked-at values and missing fields included), so the two
 * are compared doing the same job. Written for speed as a careful engineer would: one pass over
 * the activities, each date converted once, the email domain computed once, no helper calls in
 * the hot path. It is the speed limit the compiled evaluator is measured against.
 *
 * Missing data follows the policy language: a comparison with a missing field is neither true
 * nor false (null), `and` is false if any side is false, and so on.
 */

type Tri = boolean | null;

const PERSONAL_DOMAINS = new Set(["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com"]);
const SERVED_COUNTRIES = new Set(["US", "CA", "GB", "IE", "DE", "FR", "NL"]);
const INTENT_KEY = "any activities where kind in [demo_request, pricing_page_visit] and at within 30 days";
const MET_KEY = "any activities where kind = meeting_held and at within 60 days";
const MQL_NAMES = ["good_fit", "engaged", "reachable"];
const SQL_NAMES = ["budget", "authority", "need", "timeframe", "intent", "engaged_since_recycling"];
const SAL_NAMES = ["agreed_to_meet", "met"];
const OVERRIDE_NAMES = ["reason", "approver"];

function statusOf(value: Tri): Status {
  return value === true ? "passed" : value === false ? "failed" : "missing";
}

/** A gate's status and its requirement names by outcome, in one pass. */
function gate(values: readonly Tri[], names: readonly string[]) {
  const passed: string[] = [];
  const failed: string[] = [];
  const missing: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    (value === true ? passed : value === false ? failed : missing).push(names[i]!);
  }
  const status: Status = failed.length > 0 ? "failed" : missing.length > 0 ? "missing" : "passed";
  return { status, passed, failed, missing };
}

function requirement(label: string, value: Tri, missing: string[], values: Record<string, unknown>): RequirementResult {
  return { label, status: statusOf(value), missing, values };
}

/** The evaluator for one evaluation day; `sourceHash` identifies the policy text it implements. */
export function handWrittenEvaluator(asOf: string, sourceHash: string): (lead: Lead) => Decision {
  const today = dayNumber(asOf);
  return (lead) => evaluate(lead, today, asOf, sourceHash);
}

function evaluate(lead: Lead, today: number, asOf: string, sourceHash: string): Decision {
  const email = lead.email;
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  const company = lead.company;
  const seniority = lead.seniority;
  const employees = company.employees ?? null;

  // Fit.
  const industry = company.industry;
  const targetIndustry =
    industry === "software" || industry === "finance" || industry === "healthcare" || industry === "manufacturing";
  const rightSize: Tri = employees === null ? null : employees >= 50 && employees <= 5000;
  const servedCountry = SERVED_COUNTRIES.has(company.country);
  const targetMarket: Tri = !targetIndustry || !servedCountry || rightSize === false ? false : rightSize;
  const senior = seniority === "director" || seniority === "vp" || seniority === "c_level";
  const buyerSeniority = senior || seniority === "manager";
  const personalEmail = PERSONAL_DOMAINS.has(domain);
  const student = seniority === "student" || domain.endsWith(".edu");
  // The first branch that holds; an undecidable branch leaves the grade missing.
  let fit: "A" | "B" | "C" | "D" | null;
  if (senior && targetMarket !== false) fit = targetMarket ? "A" : null;
  else if (buyerSeniority && targetMarket !== false) fit = targetMarket ? "B" : null;
  else fit = targetIndustry && servedCountry ? "C" : "D";

  // One pass over the activities for every score line and every `any activities` test.
  const recycledOn = lead.recycled_on ?? null;
  let engagedSinceRecycling = recycledOn === null;
  let opens = 0;
  let clicks = 0;
  let content = 0;
  let contentMatched = 0;
  let contentDecayed = false;
  let webinars = 0;
  let webinarsMatched = 0;
  let webinarsDecayed = false;
  let events = 0;
  let pricing = 0;
  let demo = false;
  let met = false;
  const activities = lead.activities;
  for (let i = 0; i < activities.length; i++) {
    const activity = activities[i]!;
    if (!engagedSinceRecycling && activity.at > recycledOn!) engagedSinceRecycling = true;
    const age = today - dayNumber(activity.at);
    if (age < 0) continue; // dated after the evaluation day: inside no window
    switch (activity.kind) {
      case "email_open":
        if (age <= 90) opens++;
        break;
      case "email_click":
        if (age <= 90) clicks++;
        break;
      case "content_download":
        if (age <= 180) {
          contentMatched++;
          if (age > 60) contentDecayed = true;
          content += 8 * (age > 60 ? 0.5 : 1);
        }
        break;
      case "webinar_attended":
        if (age <= 365) {
          webinarsMatched++;
          const factor = age > 0 ? Math.pow(0.5, age / 45) : 1;
          if (factor < 1) webinarsDecayed = true;
          webinars += 10 * factor;
        }
        break;
      case "event_attended":
        if (age <= 365) events++;
        break;
      case "pricing_page_visit":
        if (age <= 30) pricing++;
        break;
      case "demo_request":
        if (age <= 30) demo = true;
        break;
      case "meeting_held":
        if (age <= 60) met = true;
        break;
      default:
        break;
    }
  }
  const intent = demo || pricing > 0;

  // Engagement: each line capped and rounded, then the total rounded and kept within 0..100.
  const opensPoints = round2(Math.min(opens, 5));
  const clicksPoints = round2(Math.min(clicks * 3, 15));
  const contentPoints = round2(Math.min(content, 24));
  const webinarsPoints = round2(Math.min(webinars, 20));
  const eventsPoints = round2(Math.min(events * 12, 24));
  const pricingPoints = round2(Math.min(pricing * 5, 10));
  const demoPoints = demo ? 25 : 0;
  const personalPoints = personalEmail ? -10 : 0;
  const studentPoints = student ? -30 : 0;
  const unsubscribedPoints = lead.unsubscribed ? -20 : 0;
  const sum = round2(
    opensPoints +
      clicksPoints +
      contentPoints +
      webinarsPoints +
      eventsPoints +
      pricingPoints +
      demoPoints +
      personalPoints +
      studentPoints +
      unsubscribedPoints,
  );
  const engagement = Math.min(Math.max(sum, 0), 100);

  // Disqualifiers, in policy order.
  const needConfirmed = lead.need_confirmed ?? null;
  const competitor = domain === "rivalcrm.com" || domain === "pipelinepro.io";
  const noNeed: Tri = needConfirmed === null ? null : needConfirmed === false;
  const name = company.name;
  const badData =
    domain === "example.com" ||
    domain === "test.com" ||
    domain === "mailinator.com" ||
    name === "test" ||
    name === "n/a" ||
    name === "none" ||
    name === "asdf";
  const disqualified = competitor
    ? { name: "competitor" as const, reason: "Works for a competitor" }
    : noNeed === true
      ? { name: "no_need" as const, reason: "Told us they have no business need" }
      : badData
        ? { name: "bad_data" as const, reason: "Placeholder email or company name" }
        : null;

  // Requirements.
  const goodFit: Tri = fit === null ? null : fit === "A" || fit === "B";
  const engaged = engagement >= 40;
  const reachable = !lead.unsubscribed;
  const budget = lead.budget;
  const hasBudget = budget === "known_amount" || budget === "approval_pending" || budget === "budgeted";
  const role = lead.role;
  const authority = (role === "decision_maker" || role === "influencer") && buyerSeniority;
  const need: Tri = needConfirmed === null ? null : needConfirmed === true;
  const timeframeDays = lead.timeframe_days ?? null;
  const timeframe: Tri = timeframeDays === null ? null : timeframeDays <= 180;
  const agreedToMeet = lead.agreed_to_meet;
  const mql = gate([goodFit, engaged, reachable], MQL_NAMES);
  const sql = gate([hasBudget, authority, need, timeframe, intent, engagedSinceRecycling], SQL_NAMES);
  const sal = gate([agreedToMeet, met], SAL_NAMES);
  let stage: Stage | null = null;
  if (disqualified === null && mql.status === "passed")
    stage = sql.status !== "passed" ? "MQL" : sal.status !== "passed" ? "SQL" : "SAL";

  // The override: honoured when it gives a reason and someone else approved it.
  const override = lead.override ?? null;
  const reason = override?.reason ?? null;
  const approver = override?.approver ?? null;
  const requestedBy = override?.requested_by ?? null;
  const hasReason = reason !== null;
  // requested_by is required whenever there is an override, so this is never missing.
  const approved = approver !== null && approver !== requestedBy;
  const overrideStage = override?.stage ?? null;
  const overrideGate = overrideStage === null ? null : gate([hasReason, approved], OVERRIDE_NAMES);
  const honoured = overrideGate !== null && disqualified === null && overrideGate.status === "passed";
  const stageFromGates = stage;
  if (honoured) stage = overrideStage;

  return {
    policy: "inbound",
    version: "2.0.0",
    sourceHash,
    asOf,
    stage,
    disqualified,
    disqualifiers: { competitor, no_need: noNeed, bad_data: badData },
    gates: {
      MQL: {
        label: "Marketing qualified",
        owner: "marketing",
        status: mql.status,
        passed: mql.passed,
        failed: mql.failed,
        missing: mql.missing,
        requirements: {
          good_fit: requirement(
            "Fit grade A or B",
            goodFit,
            goodFit === null && employees === null ? ["company.employees"] : [],
            {
              fit,
            },
          ),
          engaged: requirement("Engagement of 40 or more", engaged, [], { engagement }),
          reachable: requirement("Still accepts email", reachable, [], { unsubscribed: lead.unsubscribed }),
        },
      },
      SQL: {
        label: "Sales qualified",
        owner: "marketing",
        status: sql.status,
        passed: sql.passed,
        failed: sql.failed,
        missing: sql.missing,
        requirements: {
          budget: requirement("Budget: at least a known amount", hasBudget, [], { budget }),
          authority: requirement("Authority: decides or strongly influences", authority, [], {
            role,
            buyer_seniority: buyerSeniority,
          }),
          need: requirement("Need: a confirmed business need", need, need === null ? ["need_confirmed"] : [], {
            need_confirmed: needConfirmed,
          }),
          timeframe: requirement(
            "Timeframe: buying within 6 months",
            timeframe,
            timeframe === null ? ["timeframe_days"] : [],
            { timeframe_days: timeframeDays },
          ),
          intent: requirement("Demo request or pricing visit in the last 30 days", intent, [], {
            [INTENT_KEY]: intent,
          }),
          engaged_since_recycling: requirement(
            "New engagement since sales recycled the lead",
            engagedSinceRecycling,
            [],
            {
              engaged_since_recycling: engagedSinceRecycling,
            },
          ),
        },
      },
      SAL: {
        label: "Sales accepted",
        owner: "sales",
        status: sal.status,
        passed: sal.passed,
        failed: sal.failed,
        missing: sal.missing,
        requirements: {
          agreed_to_meet: requirement("Agreed to meet a rep", agreedToMeet, [], { agreed_to_meet: agreedToMeet }),
          met: requirement("Meeting held in the last 60 days", met, [], { [MET_KEY]: met }),
        },
      },
    },
    scores: {
      engagement: {
        total: engagement,
        capped: sum > 100,
        floored: sum < 0,
        parts: {
          email_opens: { points: opensPoints, matched: opens, capped: opens > 5, decayed: false, missing: [] },
          email_clicks: { points: clicksPoints, matched: clicks, capped: clicks * 3 > 15, decayed: false, missing: [] },
          content: {
            points: contentPoints,
            matched: contentMatched,
            capped: content > 24,
            decayed: contentDecayed,
            missing: [],
          },
          webinars: {
            points: webinarsPoints,
            matched: webinarsMatched,
            capped: webinars > 20,
            decayed: webinarsDecayed,
            missing: [],
          },
          events: { points: eventsPoints, matched: events, capped: events * 12 > 24, decayed: false, missing: [] },
          pricing: { points: pricingPoints, matched: pricing, capped: pricing * 5 > 10, decayed: false, missing: [] },
          demo: { points: demoPoints, capped: false, decayed: false, missing: [] },
          personal: { points: personalPoints, capped: false, decayed: false, missing: [] },
          student_penalty: { points: studentPoints, capped: false, decayed: false, missing: [] },
          unsubscribed_penalty: { points: unsubscribedPoints, capped: false, decayed: false, missing: [] },
        },
      },
    },
    rules: {
      target_industry: targetIndustry,
      right_size: rightSize,
      served_country: servedCountry,
      target_market: targetMarket,
      buyer_seniority: buyerSeniority,
      personal_email: personalEmail,
      student,
      engaged_since_recycling: engagedSinceRecycling,
    },
    grades: { fit },
    followUp:
      stage === "MQL"
        ? { stage, within: { amount: 2, unit: "days" } }
        : stage === "SQL"
          ? { stage, within: { amount: 1, unit: "days" } }
          : stage === "SAL"
            ? { stage, within: { amount: 4, unit: "hours" } }
            : null,
    override:
      overrideStage === null || overrideGate === null
        ? null
        : {
            name: "manual",
            label: "Rep's exception, approved by a manager",
            stage: overrideStage,
            honoured,
            stageFromGates,
            status: overrideGate.status,
            passed: overrideGate.passed,
            failed: overrideGate.failed,
            missing: overrideGate.missing,
            requirements: {
              reason: requirement("Gives a reason", hasReason, [], { "override.reason": reason }),
              approver: requirement("Approved by someone other than the requester", approved, [], {
                "override.approver": approver,
                "override.requested_by": requestedBy,
              }),
            },
          },
  };
}
