import { enterprise, inbound, partner } from "@acme/lead-criteria";

/** One problem with a lead, with its path rooted at `lead` (the request body or NDJSON line). */
export interface Issue {
  path: string;
  message: string;
}

/** What identifies a policy in the startup log; each decision carries the same, and its source hash. */
export interface PolicySummary {
  name: string;
  version: string;
}

/**
 * Every decision a registered policy can return. Each policy module narrows stage, rule and score
 * names differently, so the service handles their union and serialises it as it is.
 */
export type AnyDecision = inbound.Decision | enterprise.Decision | partner.Decision;

export type Qualification<D> = { ok: true; decision: D } | { ok: false; issues: Issue[] };

/** A policy as the service and the batch script use it: validate unknown input, then evaluate. */
export interface Qualifier<D = AnyDecision> {
  readonly policy: PolicySummary;
  qualify(input: unknown, asOf: string): Qualification<D>;
}

/**
 * The structural slice of a compiled policy module this code relies on. Declared as function
 * properties (not methods) so TypeScript checks `evaluate`'s parameter strictly against `L`.
 */
export interface CompiledPolicy<L, D> {
  readonly policy: Readonly<{ name: string; version: string }>;
  safeParseLead: (input: unknown) => { success: true; data: L } | { success: false; issues: readonly Issue[] };
  evaluate: (lead: L, options: { asOf: string }) => D;
}

/**
 * Binds a module's validator to its own evaluator. Keeping both behind one closure means only a
 * lead validated by the same policy can ever reach `evaluate`, which the generated code relies on.
 */
export function qualifierOf<L, D>(compiled: CompiledPolicy<L, D>): Qualifier<D> {
  return {
    policy: { name: compiled.policy.name, version: compiled.policy.version },
    qualify(input, asOf) {
      const parsed = compiled.safeParseLead(input);
      if (!parsed.success) {
        return {
          ok: false,
          issues: parsed.issues.map((issue) => ({ path: leadPath(issue.path), message: issue.message })),
        };
      }
      return { ok: true, decision: compiled.evaluate(parsed.data, { asOf }) };
    },
  };
}

/**
 * `company.employees` → `lead.company.employees`. The runtime reports a problem with the whole
 * value (an array or `null` posted instead of an object) with an empty path; rooting every path at
 * `lead` gives that one a name too.
 */
export function leadPath(path: string): string {
  if (path === "") return "lead";
  return path.startsWith("[") ? `lead${path}` : `lead.${path}`;
}

/**
 * The policies served, by the name used in `?policy=` and `--policy`: each policy's own name, so
 * the two cannot drift apart. A Map, not an object literal, so that names like `constructor` or
 * `__proto__` are simply unknown rather than resolving to something inherited from Object.prototype.
 */
export const policies: ReadonlyMap<string, Qualifier> = new Map(
  [qualifierOf(inbound), qualifierOf(enterprise), qualifierOf(partner)].map((q): [string, Qualifier] => [
    q.policy.name,
    q,
  ]),
);
