import { parsePolicy } from "@leadgate/language";
import { describe, expect, it } from "vitest";
import { leadShape } from "./lead-schema.js";
import { diffLeadSchema } from "./schema-diff.js";

const LEAD = `
lead {
  email: email
  employees: integer
  revenue: number?
  seniority: one of ic, manager, vp
  company: { name: text, country: text? }
  activities: list of activity
}

record activity {
  kind: one of email_open, demo_request
  at: date
}
`;

const shape = (text: string) => leadShape(parsePolicy(`policy p { version "1.0.0" }\n${text}`, "p.gate").ast);
const diff = (after: string) => diffLeadSchema(shape(LEAD), shape(after)).map((c) => [c.text, c.breaking]);

describe("leadShape", () => {
  it("flattens the lead, expanding named records where lists use them", () => {
    expect([...shape(LEAD).values()].map((f) => `${f.path}: ${f.type}${f.optional ? "?" : ""}`)).toEqual([
      "email: email",
      "employees: integer",
      "revenue: number?",
      "seniority: enum",
      "company: record",
      "company.name: text",
      "company.country: text?",
      "activities: list",
      "activities[].kind: enum",
      "activities[].at: date",
    ]);
  });
});

describe("diffLeadSchema", () => {
  it("finds no change in the same shape", () => {
    expect(diff(LEAD)).toEqual([]);
  });

  it("calls breaking what makes a valid lead invalid: removed, required, narrowed, value removed", () => {
    expect(
      diff(
        LEAD.replace("  email: email\n", "")
          .replace("revenue: number?", "revenue: integer?")
          .replace("country: text?", "country: text")
          .replace("kind: one of email_open, demo_request", "kind: one of email_open"),
      ),
    ).toEqual([
      ["field activities[].kind: value demo_request removed", true],
      ["field company.country made required", true],
      ["field email removed", true],
      ["field revenue narrowed from number to integer", true],
    ]);
  });

  it("calls the rest compatible: optional field added, made optional, widened, value added", () => {
    expect(
      diff(
        LEAD.replace("employees: integer", "employees: number?")
          .replace("email: email", "email: text\n  title: text?")
          .replace("one of ic, manager, vp", "one of ic, manager, director, vp"),
      ),
    ).toEqual([
      ["field email widened from email to text", false],
      ["field employees made optional", false],
      ["field employees widened from integer to number", false],
      ["field seniority: value director added", false],
      ["optional field title added (text)", false],
    ]);
  });

  it("calls a new required field breaking, and does not repeat what is under it", () => {
    expect(diff(LEAD.replace("email: email", "email: email\n  owner: { name: text, team: text? }"))).toEqual([
      ["required field owner added (record)", true],
    ]);
  });
});
