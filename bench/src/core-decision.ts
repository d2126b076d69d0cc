import type { Decision } from "@acme/lead-criteria/inbound";
import type { Status } from "@leadgate/runtime";

/**
 * What every implementation must agree on, the part of a decision a rules engine can express
 * without re-implementing leadgate: the stage, the disqualifier, the fit grade, the engagement
 * score and each of its lines, the status of every gate and requirement, and the override.
 * Explanations (labels, looked-at values, missing-field lists) are compared only between
 * implementations that produce the full Decision.
 */
export interface CoreDecision {
  stage: string | null;
  disqualified: string | null;
  fit: string | null;
  engagement: number;
  /** Points of each engagement line, by line name. */
  lines: Record<string, number>;
  gates: Record<string, { status: Status; requirements: Record<string, Status> }>;
  override: { stage: string; honoured: boolean; status: Status; requirements: Record<string, Status> } | null;
}

export function coreOf(decision: Decision): CoreDecision {
  const lines: Record<string, number> = {};
  for (const [name, part] of Object.entries(decision.scores.engagement.parts)) lines[name] = part.points;
  const gates: CoreDecision["gates"] = {};
  for (const [name, gate] of Object.entries(decision.gates))
    gates[name] = { status: gate.status, requirements: statuses(gate.requirements) };
  const o = decision.override;
  return {
    stage: decision.stage,
    disqualified: decision.disqualified?.name ?? null,
    fit: decision.grades.fit,
    engagement: decision.scores.engagement.total,
    lines,
    gates,
    override:
      o === null
        ? null
        : { stage: o.stage, honoured: o.honoured, status: o.status, requirements: statuses(o.requirements) },
  };
}

function statuses(requirements: Record<string, { status: Status }>): Record<string, Status> {
  const out: Record<string, Status> = {};
  for (const [name, r] of Object.entries(requirements)) out[name] = r.status;
  return out;
}

/**
 * Paths where two JSON-like values differ, at most `limit`: keys on one side only, different
 * primitives (Object.is, so 0 and -0 differ), arrays of different lengths.
 */
export function differences(expected: unknown, actual: unknown, limit = 10): string[] {
  const out: string[] = [];
  const show = (v: unknown): string => (v === undefined ? "undefined" : Object.is(v, -0) ? "-0" : JSON.stringify(v));
  const visit = (e: unknown, a: unknown, path: string): void => {
    if (out.length >= limit || Object.is(e, a)) return;
    const objects = e !== null && a !== null && typeof e === "object" && typeof a === "object";
    if (
      !objects ||
      Array.isArray(e) !== Array.isArray(a) ||
      (Array.isArray(e) && e.length !== (a as unknown[]).length)
    ) {
      out.push(`${path || "(decision)"}: expected ${show(e)}, got ${show(a)}`);
      return;
    }
    const eo = e as Record<string, unknown>;
    const ao = a as Record<string, unknown>;
    for (const key of new Set([...Object.keys(eo), ...Object.keys(ao)])) {
      const p = path ? `${path}.${key}` : key;
      if (!Object.hasOwn(ao, key)) out.push(`${p}: missing (expected ${show(eo[key])})`);
      else if (!Object.hasOwn(eo, key)) out.push(`${p}: unexpected (${show(ao[key])})`);
      else visit(eo[key], ao[key], p);
    }
  };
  visit(expected, actual, "");
  return out;
}
