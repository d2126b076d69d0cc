// A service importing the compiled criteria by package name, as any consumer would.
import { inbound } from "@acme/lead-criteria";
import type { Decision, Lead, Stage } from "@acme/lead-criteria/inbound";

const lead: Lead = {
  email: "ann@example.com",
  seniority: "vp",
  role: "decision_maker",
  company: { name: "Example", industry: "software", employees: 250, country: "US" },
  budget: "budgeted",
  agreed_to_meet: true,
  unsubscribed: false,
  activities: [{ kind: "demo_request", at: "2026-10-20" }],
};

const decision: Decision = inbound.evaluate(lead, { asOf: "2026-11-01" });
const stage: Stage | null = decision.stage;
const grade: "A" | "B" | "C" | "D" | null = decision.grades.fit;
const engagement: number = decision.scores.engagement.total;
const parsed: Lead = inbound.parseLead(JSON.parse("{}") as unknown);
const validated = inbound.safeParseLead({});
if (!validated.success) validated.issues.map((issue) => `${issue.path}: ${issue.message}`);

export { stage, grade, engagement, parsed };
