import { posix } from "node:path";
import type { Decision } from "@leadgate/runtime";
import { bumpFor, bumpVersion } from "./bump.js";
import { evaluateWith, type Outcome } from "./evaluate.js";
import { explainMove } from "./explain-move.js";
import type { LeadCase } from "./leads.js";
import type { PolicyPair } from "./policy-versions.js";
import type { InvalidLead, MovedLead, PolicyReport } from "./report.js";
import { scoreShifts } from "./score-shift.js";
import { diffPolicies } from "./semantic-diff.js";
import { INVALID, stateOf, stateOrder } from "./states.js";
import { funnelRows, transitionCounts, type Move } from "./transitions.js";

/**
 * Everything the report says about one policy: what changed in its text, and what that does to
 * the leads, each evaluated with both versions as of its own date.
 */
export function comparePolicy(pair: PolicyPair, leads: readonly LeadCase[], path: string): PolicyReport {
  const { before, after } = pair;
  const name = after?.name ?? before?.name ?? posix.basename(pair.path, ".gate");
  const status = !before ? "added" : !after ? "removed" : before.text === after.text ? "unchanged" : "changed";
  const changes = before && after && status === "changed" ? diffPolicies(before.ast, after.ast) : [];

  const rewritten = (stage: string, requirement: string) => {
    const change = changes.find((c) => c.kind === "stage" && c.name === stage && c.part === requirement && c.from);
    return change ? `${change.from} → ${change.to}` : undefined;
  };
  const moves: Move[] = [];
  const moved: MovedLead[] = [];
  const invalid: InvalidLead[] = [];
  const decided: Array<{ before: Decision; after: Decision }> = [];
  const oldModule = before?.module;
  const newModule = after?.module;
  if (oldModule && newModule) {
    for (const lead of leads) {
      const x = evaluateWith(oldModule, lead.input, lead.asOf);
      // The same text compiles to the same module: no need to evaluate twice.
      const y: Outcome = status === "unchanged" ? x : evaluateWith(newModule, lead.input, lead.asOf);
      const from = stateOf(x);
      const to = stateOf(y);
      moves.push({ from, to });
      if (from !== to) moved.push({ lead: lead.ref, from, to, why: explainMove(x, y, rewritten) });
      if (x.kind === "invalid" || y.kind === "invalid")
        invalid.push({
          lead: lead.ref,
          before: x.kind === "invalid" ? x.issues : null,
          after: y.kind === "invalid" ? y.issues : null,
        });
      if (x.kind === "decided" && y.kind === "decided") decided.push({ before: x.decision, after: y.decision });
    }
  }
  const states = stateOrder(
    oldModule?.policy.stages.map((s) => s.name) ?? [],
    newModule?.policy.stages.map((s) => s.name) ?? [],
    moves.some((m) => m.from === INVALID || m.to === INVALID),
  );
  const bump = bumpFor({ name, status, changes, moved: moved.length });
  const suggested = before?.version !== undefined && after ? bumpVersion(before.version, bump.level) : undefined;
  return {
    path,
    name,
    status,
    version: { before: before?.version ?? null, after: after?.version ?? null, suggested: suggested ?? null },
    errors: { before: before?.errors ?? 0, after: after?.errors ?? 0 },
    changes,
    bump,
    evaluated: moves.length,
    states,
    transitions: transitionCounts(moves, states),
    funnel: funnelRows(moves, states),
    scores: scoreShifts(decided),
    moved,
    invalid,
  };
}
