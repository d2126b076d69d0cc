import { suggest } from "@leadgate/language";
import type { Decision, Tri } from "@leadgate/runtime";
import type { Assertion } from "../examples/types.js";

/** A hand-written expectation the decision does not meet, or that names something the policy lacks. */
export interface ExpectationFailure {
  readonly line: number;
  readonly message: string;
}

/** Checks each assertion of a case's `expect` against its decision; only what is written is checked. */
export function checkAssertions(assertions: readonly Assertion[], decision: Decision): ExpectationFailure[] {
  const failures: ExpectationFailure[] = [];
  for (const assertion of assertions) {
    const message = check(assertion, decision);
    if (message !== undefined) failures.push({ line: assertion.line, message });
  }
  return failures;
}

function check(assertion: Assertion, decision: Decision): string | undefined {
  switch (assertion.kind) {
    case "stage": {
      if (assertion.stage !== null && !(assertion.stage in decision.gates))
        return unknownName("expect.stage", "stage", assertion.stage, Object.keys(decision.gates));
      if (assertion.stage === decision.stage) return undefined;
      return `expected ${stageText(assertion.stage)}, got ${stageText(decision.stage)}`;
    }
    case "disqualified": {
      const actual = decision.disqualified?.name ?? null;
      if (assertion.disqualifier !== null && !(assertion.disqualifier in decision.disqualifiers))
        return unknownName(
          "expect.disqualified",
          "disqualifier",
          assertion.disqualifier,
          Object.keys(decision.disqualifiers),
        );
      if (assertion.disqualifier === actual) return undefined;
      return `expected ${disqualifiedText(assertion.disqualifier)}, got ${disqualifiedText(actual)}`;
    }
    case "score": {
      const score = decision.scores[assertion.score];
      if (score === undefined)
        return unknownName("expect.scores", "score", assertion.score, Object.keys(decision.scores));
      if (score.total === assertion.total) return undefined;
      return `expected score ${assertion.score} = ${assertion.total}, got ${score.total}`;
    }
    case "grade": {
      if (!(assertion.grade in decision.grades))
        return unknownName("expect.grades", "grade", assertion.grade, Object.keys(decision.grades));
      const actual = decision.grades[assertion.grade] ?? null;
      if (actual === assertion.value) return undefined;
      return `expected grade ${assertion.grade} = ${assertion.value ?? "null (missing)"}, got ${actual ?? "null (missing)"}`;
    }
    case "rule": {
      if (!(assertion.rule in decision.rules))
        return unknownName("expect.rules", "rule", assertion.rule, Object.keys(decision.rules));
      const actual = decision.rules[assertion.rule] ?? null;
      if (actual === assertion.value) return undefined;
      return `expected rule ${assertion.rule} = ${triText(assertion.value)}, got ${triText(actual)}`;
    }
    case "requirement": {
      const where = `expect.${assertion.status}`;
      const gate = decision.gates[assertion.stage];
      if (gate === undefined) return unknownName(where, "stage", assertion.stage, Object.keys(decision.gates));
      const result = gate.requirements[assertion.requirement];
      const qualified = `${assertion.stage}.${assertion.requirement}`;
      if (result === undefined) {
        const names = Object.keys(gate.requirements).map((r) => `${assertion.stage}.${r}`);
        return unknownName(where, "requirement", qualified, names);
      }
      if (result.status === assertion.status) return undefined;
      return `expected ${qualified} to be ${assertion.status}, got ${result.status}`;
    }
  }
}

function unknownName(where: string, kind: string, name: string, known: readonly string[]): string {
  const match = suggest(name, known);
  const hint = match === undefined ? "" : ` (did you mean ${match}?)`;
  const list = known.length === 0 ? `it has no ${kind}s` : `it has ${known.join(", ")}`;
  return `${where}: the policy has no ${kind} ${name}${hint}; ${list}`;
}

function stageText(stage: string | null): string {
  return stage === null ? "no stage" : `stage ${stage}`;
}

function disqualifiedText(name: string | null): string {
  return name === null ? "not disqualified" : `disqualified by ${name}`;
}

function triText(value: Tri): string {
  return value === null ? "null (missing data)" : String(value);
}
