import type { Declaration, Expression, PolicyFile } from "@leadgate/language";

/**
 * For each stage, every name its gate depends on: the rules, scores and grades its requirements
 * use, directly or through each other, and the top-level lead fields behind them. Read from the
 * syntax tree by name, so it works for a policy with errors too. Inside `where` an item's field can
 * shadow a rule of the same name; counting the rule as used anyway only ever asks one team too
 * many for approval, never one too few.
 */
export function stageDependencies(ast: PolicyFile): Map<string, Set<string>> {
  const direct = new Map<string, Set<string>>();
  const stages: Array<{ name: string; uses: Set<string> }> = [];
  for (const d of ast.declarations as readonly Declaration[]) {
    const uses = new Set<string>();
    switch (d.kind) {
      case "Rule":
        collect(d.condition, uses);
        break;
      case "Score":
        for (const line of d.lines) {
          for (const e of [line.list, line.filter, line.condition, line.decay?.dateField]) if (e) collect(e, uses);
        }
        break;
      case "Grade":
        for (const branch of d.branches) if (branch.condition) collect(branch.condition, uses);
        break;
      case "Stage":
        for (const r of d.requirements) {
          if (r.condition) collect(r.condition, uses);
          else uses.add(r.name.name); // `require target_market`: the rule or field of that name
        }
        stages.push({ name: d.name.name, uses });
        continue;
      default:
        continue;
    }
    direct.set(d.name.name, uses);
  }
  return new Map(stages.map((s) => [s.name, closure(s.uses, direct)]));
}

function closure(start: ReadonlySet<string>, direct: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    for (const next of direct.get(name) ?? []) queue.push(next);
  }
  return seen;
}

/** The first segment of every path in the expression: a field, rule, score, grade or enum member. */
function collect(e: Expression, into: Set<string>): void {
  switch (e.kind) {
    case "Path": {
      const first = e.segments[0];
      if (first) into.add(first.name);
      return;
    }
    case "Logical":
      for (const operand of e.operands) collect(operand, into);
      return;
    case "Compare":
      collect(e.left, into);
      collect(e.right, into);
      return;
    case "In":
      collect(e.operand, into);
      for (const item of e.items) collect(item, into);
      return;
    case "TextMatch":
      collect(e.operand, into);
      collect(e.pattern, into);
      return;
    case "Quantifier":
      collect(e.list, into);
      if (e.filter) collect(e.filter, into);
      if (e.predicate) collect(e.predicate, into);
      return;
    case "Not":
    case "Presence":
    case "Window":
    case "DaysSince":
      collect(e.operand, into);
      return;
    case "Parenthesized":
      collect(e.expression, into);
      return;
    default:
      return;
  }
}
