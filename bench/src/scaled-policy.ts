import { checkPolicy, parsePolicy, type CheckedPolicy, type Declaration } from "@leadgate/language";

/**
 * A policy `copies` times the size of the given one: its header, lead and records once, then its
 * rules, scores, grades, disqualifiers and stages `copies` times, copy k's names suffixed `_k`
 * together with every reference to them. Copy 1 is the original text, override included (a
 * policy may have only one). The result checks like the original, so compiling it exercises
 * every stage of the compiler on a realistic policy, only bigger.
 */
export function scaledPolicy(source: string, copies: number): string {
  const checked = check(source, "scaled.gate");
  if (copies === 1) return source;
  const parts = [source.trimEnd()];
  const copied = checked.ast.declarations.filter(
    (d) =>
      d.kind === "Rule" || d.kind === "Score" || d.kind === "Grade" || d.kind === "Disqualifier" || d.kind === "Stage",
  );
  for (let k = 2; k <= copies; k++) {
    parts.push(`# ---------------------------------------------------------------- copy ${k}`);
    for (const declaration of copied) parts.push(renamed(checked, source, declaration, `_${k}`));
  }
  return `${parts.join("\n\n")}\n`;
}

/** The declaration's text with its own name and the rules, scores and grades it uses suffixed. */
function renamed(policy: CheckedPolicy, source: string, declaration: Declaration, suffix: string): string {
  const { start, end } = declaration.range;
  const edits: Array<{ from: number; to: number; text: string }> = [];
  const rename = (range: { start: { offset: number }; end: { offset: number } }) => {
    // A bare `require rule_name` may be reached both as a requirement and as a reference.
    if (edits.some((e) => e.from === range.start.offset)) return;
    edits.push({
      from: range.start.offset,
      to: range.end.offset,
      text: source.slice(range.start.offset, range.end.offset) + suffix,
    });
  };
  if ("name" in declaration) rename(declaration.name.range);
  for (const [path, reference] of policy.references) {
    const inside = path.range.start.offset >= start.offset && path.range.end.offset <= end.offset;
    if (inside && (reference.kind === "rule" || reference.kind === "score" || reference.kind === "grade"))
      rename(path.range);
  }
  if (declaration.kind === "Stage") {
    for (const requirement of declaration.requirements) {
      // `require engaged_since_recycling` names a rule: its name is also the reference.
      if (!requirement.condition && policy.requirementTargets.get(requirement)?.kind === "rule")
        rename(requirement.name.range);
    }
  }
  let text = source.slice(start.offset, end.offset);
  for (const edit of edits.sort((a, b) => b.from - a.from)) {
    text = text.slice(0, edit.from - start.offset) + edit.text + text.slice(edit.to - start.offset);
  }
  return text;
}

export function check(source: string, name: string): CheckedPolicy {
  const result = checkPolicy(parsePolicy(source, name));
  if (!result.policy) {
    const errors = result.diagnostics.map(
      (d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`,
    );
    throw new Error(`${name} does not check:\n${errors.join("\n")}`);
  }
  return result.policy;
}
