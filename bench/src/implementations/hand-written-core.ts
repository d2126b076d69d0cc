import type { Lead } from "@acme/lead-criteria/inbound";
import type { Status } from "@leadgate/runtime";
import type { CoreDecision } from "../core-decision.js";
import { dayNumber, round2 } from "./calendar.js";

/**
 * inbound.gate by hand again, but returning only the CoreDecision (stage, disqualifier, grade,
 * score lines, gate and requirement statuses, override): no labels, looked-at values or missing
 * fields. What a team that needs only the answer would write; set beside the full hand-written
 * evaluator it shows what the explanations cost.
 */

type Tri = boolean | null;

const PERSONAL_DOMAINS = new Set(["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com"]);
const SERVED_COUNTRIES = new Set(["US", "CA", "GB", "IE", "DE", "FR", "NL"]);

function statusOf(value: Tri): Status {
  return value === true ? "passed" : value === false ? "failed" : "missing";
}

function worst(a: Status, b: Status): Status {
  return a === "failed" || b === "failed" ? "failed" : a === "missing" || b === "missing" ? "missing" : "passed";
}

export function handWrittenCoreEvaluator(asOf: string): (lead: Lead) => CoreDecision {
  const today = dayNumber(asOf);
  return (lead) => evaluate(lead, today);
}

function evaluate(lead: Lead, today: number): CoreDecision {
  const email = lead.email;
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  const company = lead.company;
  const seniority = lead.seniority;
  const employees = company.employees ?? null;

  const industry = company.industry;
  const targetIndustry =
    industry === "software" || industry === "finance" || industry === "healthcare" || industry === "manufacturing";
  const servedCountry = SERVED_COUNTRIES.has(company.country);
  const targetMarket: Tri =
    !targetIndustry || !servedCountry ? false : employees === null ? null : employees >= 50 && employees <= 5000;
  const senior = seniority === "director" || seniority === "vp" || seniority === "c_level";
  const buyerSeniority = senior || seniority === "manager";
  let fit: string | null;
  if (senior && targetMarket !== false) fit = targetMarket ? "A" : null;
  else if (buyerSeniority && targetMarket !== false) fit = targetMarket ? "B" : null;
  else fit = targetIndustry && servedCountry ? "C" : "D";

  const recycledOn = lead.recycled_on ?? null;
  let engagedSinceRecycling = recycledOn === null;
  let opens = 0;
  let clicks = 0;
  let content = 0;
  let webinars = 0;
  let events = 0;
  let pricing = 0;
  let demo = false;
  let met = false;
  const activities = lead.activities;
  for (let i = 0; i < activities.length; i++) {
    const activity = activities[i]!;
    if (!engagedSinceRecycling && activity.at > recycledOn!) engagedSinceRecycling = true;
    const age = today - dayNumber(activity.at);
    if (age < 0) continue;
    switch (activity.kind) {
      case "email_open":
        if (age <= 90) opens++;
        break;
      case "email_click":
        if (age <= 90) clicks++;
        break;
      case "content_download":
        if (age <= 180) content += age > 60 ? 4 : 8;
        break;
      case "webinar_attended":
        if (age <= 365) webinars += 10 * (age > 0 ? Math.pow(0.5, age / 45) : 1);
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

  const lines = {
    email_opens: round2(Math.min(opens, 5)),
    email_clicks: round2(Math.min(clicks * 3, 15)),
    content: round2(Math.min(content, 24)),
    webinars: round2(Math.min(webinars, 20)),
    events: round2(Math.min(events * 12, 24)),
    pricing: round2(Math.min(pricing * 5, 10)),
    demo: demo ? 25 : 0,
    personal: PERSONAL_DOMAINS.has(domain) ? -10 : 0,
    student_penalty: seniority === "student" || domain.endsWith(".edu") ? -30 : 0,
    unsubscribed_penalty: lead.unsubscribed ? -20 : 0,
  };
  const sum = round2(
    lines.email_opens +
      lines.email_clicks +
      lines.content +
      lines.webinars +
      lines.events +
      lines.pricing +
      lines.demo +
      lines.personal +
      lines.student_penalty +
      lines.unsubscribed_penalty,
  );
  const engagement = Math.min(Math.max(sum, 0), 100);

  const needConfirmed = lead.need_confirmed ?? null;
  const name = company.name;
  const disqualified =
    domain === "rivalcrm.com" || domain === "pipelinepro.io"
      ? "competitor"
      : needConfirmed === false
        ? "no_need"
        : domain === "example.com" ||
            domain === "test.com" ||
            domain === "mailinator.com" ||
            name === "test" ||
            name === "n/a" ||
            name === "none" ||
            name === "asdf"
          ? "bad_data"
          : null;

  const budget = lead.budget;
  const role = lead.role;
  const timeframeDays = lead.timeframe_days ?? null;
  const mqlRequirements = {
    good_fit: statusOf(fit === null ? null : fit === "A" || fit === "B"),
    engaged: statusOf(engagement >= 40),
    reachable: statusOf(!lead.unsubscribed),
  };
  const sqlRequirements = {
    budget: statusOf(budget === "known_amount" || budget === "approval_pending" || budget === "budgeted"),
    authority: statusOf((role === "decision_maker" || role === "influencer") && buyerSeniority),
    need: statusOf(needConfirmed === null ? null : needConfirmed),
    timeframe: statusOf(timeframeDays === null ? null : timeframeDays <= 180),
    intent: statusOf(demo || pricing > 0),
    engaged_since_recycling: statusOf(engagedSinceRecycling),
  };
  const salRequirements = { agreed_to_meet: statusOf(lead.agreed_to_meet), met: statusOf(met) };
  const mql = worst(worst(mqlRequirements.good_fit, mqlRequirements.engaged), mqlRequirements.reachable);
  const sql = worst(
    worst(
      worst(sqlRequirements.budget, sqlRequirements.authority),
      worst(sqlRequirements.need, sqlRequirements.timeframe),
    ),
    worst(sqlRequirements.intent, sqlRequirements.engaged_since_recycling),
  );
  const sal = worst(salRequirements.agreed_to_meet, salRequirements.met);
  let stage: string | null = null;
  if (disqualified === null && mql === "passed") stage = sql !== "passed" ? "MQL" : sal !== "passed" ? "SQL" : "SAL";

  const request = lead.override;
  let override: CoreDecision["override"] = null;
  if (request != null) {
    const approver = request.approver ?? null;
    const reason = statusOf(request.reason != null);
    const approved = statusOf(approver !== null && approver !== request.requested_by);
    const status = worst(reason, approved);
    const honoured = disqualified === null && status === "passed";
    if (honoured) stage = request.stage;
    override = { stage: request.stage, honoured, status, requirements: { reason, approver: approved } };
  }

  return {
    stage,
    disqualified,
    fit,
    engagement,
    lines,
    gates: {
      MQL: { status: mql, requirements: mqlRequirements },
      SQL: { status: sql, requirements: sqlRequirements },
      SAL: { status: sal, requirements: salRequirements },
    },
    override,
  };
}
