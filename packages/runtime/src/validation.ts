/** One problem with a lead record: where (`company.employees`) and what. */
export interface LeadIssue {
  readonly path: string;
  readonly message: string;
}

/** Thrown by a compiled policy's `parseLead`: every invalid path, not only the first. */
export class LeadValidationError extends Error {
  readonly issues: readonly LeadIssue[];

  constructor(policy: string, issues: readonly LeadIssue[]) {
    super(
      `Invalid lead for policy '${policy}':\n${issues.map((issue) => `  ${issue.path || "(lead)"}: ${issue.message}`).join("\n")}`,
    );
    this.name = "LeadValidationError";
    this.issues = issues;
  }
}

/** `["company", "employees"]` → `company.employees`; `["activities", 2, "at"]` → `activities[2].at`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}
