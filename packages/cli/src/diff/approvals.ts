import type { Declaration, PolicyFile, PolicyHeader, StageDeclaration } from "@leadgate/language";
import { stageDependencies } from "./dependencies.js";
import type { PolicyChange } from "./semantic-diff.js";

/** A team whose approval the change needs, with the handles GitHub will ask, and why. */
export interface Approval {
  readonly team: string;
  readonly handles: readonly string[];
  readonly policies: readonly string[];
  readonly reasons: readonly string[];
}

export interface ApprovalInput {
  /** The policy's name, as reports show it. */
  readonly policy: string;
  readonly before: PolicyFile | undefined;
  readonly after: PolicyFile | undefined;
  readonly changes: readonly PolicyChange[];
}

/** What one team is asked about in one policy, gathered first so each reason is said once. */
interface Needs {
  readonly changed: Set<string>;
  /** Stages the team owns whose requirements use changed names, and those names. */
  readonly uses: Map<string, Set<string>>;
  readonly disqualifiers: Set<string>;
  readonly other: string[];
}

/**
 * Who must approve: the team that owns each changed stage, and each stage whose requirements use a
 * changed rule, score, grade or lead field (followed through rules that use rules, in either
 * version). A disqualifier or the override can take leads out of, or put them in, any stage, so
 * they need every stage's owner; a changed review date or title is a joint statement of all
 * owners; an owner team whose handles change must approve that itself. A new or removed policy
 * needs all its stages' owners.
 */
export function approvalsFor(inputs: readonly ApprovalInput[]): Approval[] {
  const teams = new Map<string, { handles: Set<string>; needs: Map<string, Needs> }>();
  for (const input of inputs) {
    const versions = [input.after, input.before].filter((v): v is PolicyFile => v !== undefined);
    const needs = (team: string): Needs => {
      let entry = teams.get(team);
      if (!entry) teams.set(team, (entry = { handles: new Set(), needs: new Map() }));
      // Handles as the new header gives them, else as the old one did (a team that was removed).
      const header = versions.map(headerOf).find((h) => h?.owners.some((o) => o.name.name === team));
      for (const o of header?.owners ?? [])
        if (o.name.name === team) for (const h of o.handles) entry.handles.add(h.value);
      let policy = entry.needs.get(input.policy);
      if (!policy)
        entry.needs.set(
          input.policy,
          (policy = { changed: new Set(), uses: new Map(), disqualifiers: new Set(), other: [] }),
        );
      return policy;
    };
    const stages = new Map<string, Set<string>>(); // stage → its owners, in either version
    for (const v of versions) for (const s of stagesOf(v)) entryOf(stages, s.name.name).add(s.owner.name);
    const owners = (stage: string) => [...(stages.get(stage) ?? [])];
    const everyStage = (note: (n: Needs) => void) => {
      for (const team of new Set([...stages.values()].flatMap((s) => [...s]))) note(needs(team));
    };

    if (!input.before || !input.after) {
      const what = input.before ? "policy removed" : "new policy";
      for (const [stage, teamsOf] of stages)
        for (const team of teamsOf) needs(team).other.push(`${what} (stage ${stage})`);
      continue;
    }
    const changedNames = new Set<string>();
    for (const change of input.changes) {
      switch (change.kind) {
        case "stage":
          for (const stage of change.name ? [change.name] : (change.moved ?? []))
            for (const team of owners(stage)) needs(team).changed.add(stage);
          break;
        case "rule":
        case "score":
        case "grade":
          changedNames.add(change.name);
          break;
        case "lead":
          changedNames.add(change.name.split(/[.[]/)[0] ?? change.name);
          break;
        case "disqualifier":
          if (change.change === "reordered")
            everyStage((n) => addOnce(n.other, `${change.text}: the first that applies is the one reported`));
          else everyStage((n) => n.disqualifiers.add(change.name));
          break;
        case "override":
          everyStage((n) => addOnce(n.other, `override ${change.name} changed: it can place leads in any stage`));
          break;
        case "owner":
          addOnce(needs(change.name).other, change.text);
          break;
        case "header":
          // The version is bookkeeping; the review date and title are all owners' joint statement.
          if (change.name !== "version") everyStage((n) => addOnce(n.other, change.text));
          break;
      }
    }
    if (changedNames.size === 0) continue;
    for (const version of versions) {
      for (const [stage, uses] of stageDependencies(version)) {
        const used = [...changedNames].filter((name) => uses.has(name));
        if (used.length === 0) continue;
        for (const team of owners(stage)) {
          const names = entryOf(needs(team).uses, stage);
          for (const name of used) names.add(name);
        }
      }
    }
  }
  return [...teams.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([team, entry]) => ({
      team,
      handles: [...entry.handles],
      policies: [...entry.needs.keys()].sort(compare),
      reasons: [...entry.needs.entries()]
        .sort(([a], [b]) => compare(a, b))
        .flatMap(([policy, n]) => reasons(n).map((r) => `${policy}: ${r}`)),
    }));
}

function reasons(n: Needs): string[] {
  const out: string[] = [];
  if (n.changed.size > 0) out.push(`${listed("stage", [...n.changed])} changed`);
  for (const [stage, names] of n.uses)
    if (!n.changed.has(stage)) out.push(`stage ${stage} uses ${[...names].sort(compare).join(", ")}, which changed`);
  if (n.disqualifiers.size > 0)
    out.push(`${listed("disqualifier", [...n.disqualifiers])} changed: disqualifiers apply to every stage`);
  out.push(...n.other);
  return out;
}

function listed(word: string, names: readonly string[]): string {
  return `${word}${names.length === 1 ? "" : "s"} ${names.join(", ")}`;
}

function entryOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

function addOnce(list: string[], text: string): void {
  if (!list.includes(text)) list.push(text);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function headerOf(file: PolicyFile): PolicyHeader | undefined {
  return (file.declarations as readonly Declaration[]).find((d): d is PolicyHeader => d.kind === "PolicyHeader");
}

function stagesOf(file: PolicyFile): StageDeclaration[] {
  return (file.declarations as readonly Declaration[]).filter((d): d is StageDeclaration => d.kind === "Stage");
}
