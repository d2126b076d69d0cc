import type { PolicyFile } from "@leadgate/language";
import type { Decision } from "@leadgate/runtime";

/**
 * Coverage: did the examples exercise each decision point of a policy both ways?
 *
 * - a rule, requirement or disqualifier: seen true and seen false (a missing result is neither,
 *   because it shows neither side of the condition);
 * - a score line: seen contributing points and seen contributing none;
 * - a grade branch: seen chosen and seen not chosen.
 *
 * A stage no decision reaches is listed too: such a gap usually means an example is missing.
 */

export type CoverageKind = "rule" | "requirement" | "override requirement" | "score line" | "grade branch" | "disqualifier";

/** One side of a decision point that no example showed. */
export interface UncoveredWay {
  readonly kind: CoverageKind;
  /** As the decision names it: `big`, `MQL.local`, `engagement.opens`, `fit.A`. */
  readonly name: string;
  /** Line of the declaration in the policy file. */
  readonly line: number;
  /** What was never seen, in words: `never true`, `never failed`, `never contributed`, ... */
  readonly never: string;
}

export interface UnreachedStage {
  readonly name: string;
  readonly line: number;
}

export interface PolicyCoverage {
  readonly policy: string;
  /** The policy file, as reports show it. */
  readonly file: string;
  /** How many decisions were tallied. */
  readonly decisions: number;
  readonly coveredWays: number;
  readonly totalWays: number;
  /** 0–100; 100 for a policy with nothing to cover. */
  readonly percent: number;
  readonly uncovered: readonly UncoveredWay[];
  readonly unreachedStages: readonly UnreachedStage[];
}

/** The two ways of a decision point, as the words a report uses when one was never seen. */
interface Ways {
  readonly yes: string;
  readonly no: string;
}

const TRUE_FALSE: Ways = { yes: "never true", no: "never false" };
const PASSED_FAILED: Ways = { yes: "never passed", no: "never failed" };
const CONTRIBUTED: Ways = { yes: "never contributed", no: "always contributed" };
const CHOSEN: Ways = { yes: "never chosen", no: "always chosen" };

interface Point {
  readonly kind: CoverageKind;
  readonly name: string;
  readonly line: number;
  readonly ways: Ways;
  /** Reads this point's outcome from a decision: true, false, or undefined when it showed neither. */
  readonly outcome: (decision: Decision) => boolean | undefined;
  seenYes: boolean;
  seenNo: boolean;
}

/** Accumulates the decisions of one policy's cases, then reports what they covered. */
export class CoverageTally {
  private readonly points: Point[] = [];
  private readonly stages: UnreachedStage[] = [];
  private readonly reached = new Set<string>();
  private decisions = 0;

  constructor(
    private readonly policy: string,
    private readonly file: string,
    ast: PolicyFile,
  ) {
    for (const declaration of ast.declarations) {
      const line = declaration.range.start.line;
      switch (declaration.kind) {
        case "Rule": {
          const name = declaration.name.name;
          this.add("rule", name, line, TRUE_FALSE, (d) => truth(d.rules[name]));
          break;
        }
        case "Disqualifier": {
          const name = declaration.name.name;
          this.add("disqualifier", name, line, TRUE_FALSE, (d) => truth(d.disqualifiers[name]));
          break;
        }
        case "Score": {
          const score = declaration.name.name;
          for (const scoreLine of declaration.lines) {
            const name = scoreLine.name.name;
            this.add("score line", `${score}.${name}`, scoreLine.range.start.line, CONTRIBUTED, (d) => {
              const part = d.scores[score]?.parts[name];
              return part === undefined ? undefined : part.points !== 0;
            });
          }
          break;
        }
        case "Grade": {
          const grade = declaration.name.name;
          for (const branch of declaration.branches) {
            const value = branch.value.name;
            this.add("grade branch", `${grade}.${value}`, branch.range.start.line, CHOSEN, (d) => {
              const chosen = d.grades[grade];
              // A grade that could not be computed (missing data) chose no branch and refused none.
              return chosen === undefined || chosen === null ? undefined : chosen === value;
            });
          }
          break;
        }
        case "Stage": {
          const stage = declaration.name.name;
          this.stages.push({ name: stage, line });
          for (const requirement of declaration.requirements) {
            const name = requirement.name.name;
            this.add("requirement", `${stage}.${name}`, requirement.range.start.line, PASSED_FAILED, (d) =>
              statusTruth(d.gates[stage]?.requirements[name]?.status),
            );
          }
          break;
        }
        case "Override": {
          const override = declaration.name.name;
          for (const requirement of declaration.requirements) {
            const name = requirement.name.name;
            // Only leads that ask for an override evaluate its requirements.
            this.add("override requirement", `${override}.${name}`, requirement.range.start.line, PASSED_FAILED, (d) =>
              statusTruth(d.override?.requirements[name]?.status),
            );
          }
          break;
        }
        default:
          break;
      }
    }
  }

  record(decision: Decision): void {
    this.decisions++;
    for (const point of this.points) {
      const outcome = point.outcome(decision);
      if (outcome === true) point.seenYes = true;
      else if (outcome === false) point.seenNo = true;
    }
    // Reaching a stage means passing every gate before it, so those stages count as reached too.
    const index = this.stages.findIndex((s) => s.name === decision.stage);
    for (const stage of this.stages.slice(0, index + 1)) this.reached.add(stage.name);
  }

  result(): PolicyCoverage {
    const uncovered: UncoveredWay[] = [];
    let covered = 0;
    for (const point of this.points) {
      for (const [seen, never] of [
        [point.seenYes, point.ways.yes],
        [point.seenNo, point.ways.no],
      ] as const) {
        if (seen) covered++;
        else uncovered.push({ kind: point.kind, name: point.name, line: point.line, never });
      }
    }
    const total = this.points.length * 2;
    return {
      policy: this.policy,
      file: this.file,
      decisions: this.decisions,
      coveredWays: covered,
      totalWays: total,
      percent: total === 0 ? 100 : (covered / total) * 100,
      uncovered,
      unreachedStages: this.stages.filter((s) => !this.reached.has(s.name)),
    };
  }

  private add(kind: CoverageKind, name: string, line: number, ways: Ways, outcome: Point["outcome"]): void {
    this.points.push({ kind, name, line, ways, outcome, seenYes: false, seenNo: false });
  }
}

function truth(value: boolean | null | undefined): boolean | undefined {
  return value === true ? true : value === false ? false : undefined;
}

function statusTruth(status: string | undefined): boolean | undefined {
  return status === "passed" ? true : status === "failed" ? false : undefined;
}

/**
 * A percentage with one decimal, rounded down so that 99.96% never shows as 100.0% while it is
 * still below a 100% minimum.
 */
export function percentText(percent: number): string {
  return `${(Math.floor(percent * 10 + 1e-9) / 10).toFixed(1)}%`;
}

export function uncoveredText(file: string, way: UncoveredWay): string {
  return `${file}:${way.line} ${way.kind} ${way.name} ${way.never}`;
}

export function unreachedStageText(file: string, stage: UnreachedStage): string {
  return `${file}:${stage.line} stage ${stage.name} is reached by no example`;
}
