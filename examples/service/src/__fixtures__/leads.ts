import type { Lead } from "@acme/lead-criteria/inbound";

/**
 * A director at an 800-person software company who requested a demo and met sales. The inbound
 * policy's golden examples put this lead at SAL as of 2026-11-01 (engagement 41); by 2027-06-01 the
 * activity has decayed out of the engagement window and the same lead reaches no stage.
 */
export const salLead: Lead = {
  email: "maria.lopez@northwind.io",
  title: "Director of Revenue Operations",
  seniority: "director",
  role: "decision_maker",
  company: { name: "Northwind Analytics", industry: "software", employees: 800, country: "US" },
  budget: "budgeted",
  need_confirmed: true,
  timeframe_days: 90,
  agreed_to_meet: true,
  unsubscribed: false,
  activities: [
    { kind: "email_open", at: "2026-09-15" },
    { kind: "email_click", at: "2026-09-20" },
    { kind: "email_click", at: "2026-10-10" },
    { kind: "email_open", at: "2026-10-12" },
    { kind: "email_click", at: "2026-10-15" },
    { kind: "demo_request", at: "2026-10-20" },
    { kind: "pricing_page_visit", at: "2026-10-25" },
    { kind: "meeting_held", at: "2026-10-28" },
  ],
};
