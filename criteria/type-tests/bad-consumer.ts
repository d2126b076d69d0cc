// Must NOT type-check: each marked line passes a wrongly shaped lead or misreads the decision.
import { inbound } from "@acme/lead-criteria";
import type { Stage } from "@acme/lead-criteria/inbound";

inbound.evaluate(
  {
    email: "ann@example.com",
    seniority: "boss", // expect-error: not a seniority
    company: { name: "Example", industry: "software", employees: "fifty", country: "US" }, // expect-error: employees is a number
    role: "user",
    budget: "budgeted",
    agreed_to_meet: true,
    unsubscribed: false,
    activities: [],
  },
  { asOf: "2026-11-01" },
);

inbound.evaluate({ email: "ann@example.com" }, { asOf: "2026-11-01" }); // expect-error: required fields missing

const stage: Stage = "OPPORTUNITY"; // expect-error: not a stage of this policy
export { stage };
