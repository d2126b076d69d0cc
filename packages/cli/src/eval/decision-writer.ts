import type { PolicyModule } from "@leadgate/harness";
import type { Decision } from "@leadgate/runtime";
import type { ByteSink } from "./byte-sink.js";
import type { Encoder } from "./encode.js";

/**
 * What a decision was, for the summary: the index of its stage in the policy, the number of stages
 * when it reached none, or DISQUALIFIED.
 */
export type Outcome = number;
export const DISQUALIFIED = -1;

/**
 * Evaluates valid leads and writes one line of output each. Returns the lead's outcome; the line
 * number goes into the output so a decision can be joined back to its input.
 */
export interface DecisionWriter {
  write(lead: unknown, line: number, sink: ByteSink): Outcome;
}

interface Settings {
  readonly asOf: string;
  /** A decision of the policy as of the same day (see sample-decision.ts). */
  readonly sample: Decision;
}

/**
 * The writer for a module and an output: the whole decision from the module's `evaluateJson` where
 * it has one (modules compiled by earlier versions do not), else from the decision object through
 * the encoder (the columns of `--fields`, or the whole decision by JSON.stringify).
 */
export function decisionWriter(module: PolicyModule, encoder: Encoder | null, settings: Settings): DecisionWriter {
  const stages = new Map(module.policy.stages.map((s, i) => [s.name, i]));
  const noStage = module.policy.stages.length;
  const options = { asOf: settings.asOf };
  const outcomeOf = (stage: string | null, disqualified: unknown): Outcome =>
    disqualified !== null ? DISQUALIFIED : stage === null ? noStage : (stages.get(stage) ?? noStage);

  const evaluateJson = module.evaluateJson?.bind(module);
  if (encoder === null && evaluateJson !== undefined) {
    const outcomes = new JsonOutcomes(settings.sample, stages, noStage);
    return {
      write(lead, line, sink) {
        const json = evaluateJson(lead, options);
        writeLine(json, line, sink);
        const outcome = outcomes.read(json);
        if (outcome !== null) return outcome;
        const decision = JSON.parse(json) as Decision;
        return outcomeOf(decision.stage, decision.disqualified);
      },
    };
  }
  const encode = encoder ?? wholeDecision;
  return {
    write(lead, line, sink) {
      const decision = module.evaluate(lead, options);
      encode.encode(decision, line, sink);
      return outcomeOf(decision.stage, decision.disqualified);
    },
  };
}

/** The whole decision after the input line it came from, `{"line":12,"policy":...}`, by JSON.stringify. */
const wholeDecision: Encoder = {
  encode(decision, line, sink) {
    writeLine(JSON.stringify(decision), line, sink);
  },
};

/** One line of output: the decision's JSON object with the input line as its first key. */
function writeLine(json: string, line: number, sink: ByteSink): void {
  sink.ascii(`{"line":${line}`);
  const brace = sink.size;
  sink.append(json);
  sink.continueObject(brace);
  sink.ascii("\n");
}

const DISQUALIFIED_KEY = ',"disqualified":';

/**
 * Reads a decision's stage and whether it is disqualified from the start of its JSON, without
 * parsing the rest. JSON.stringify writes a decision's keys in their order, and the first four
 * (policy, version, sourceHash, asOf) are the same for every decision of a run: after them come
 * `"stage":` with null or a stage's name, then `"disqualified":` with null or an object. Anything
 * else is left to JSON.parse (`read` returns null).
 */
export class JsonOutcomes {
  /** The text every decision of the run starts with, up to the stage's value. */
  private readonly head: string;
  /** Each stage's value as JSON, and the outcome it means. */
  private readonly stages: ReadonlyArray<{ readonly json: string; readonly outcome: Outcome }>;

  constructor(sample: Decision, stages: ReadonlyMap<string, number>, noStage: number) {
    const { policy, version, sourceHash, asOf } = sample;
    this.head = `${JSON.stringify({ policy, version, sourceHash, asOf }).slice(0, -1)},"stage":`;
    this.stages = [
      { json: "null", outcome: noStage },
      ...[...stages].map(([name, index]) => ({ json: JSON.stringify(name), outcome: index })),
    ];
  }

  read(json: string): Outcome | null {
    if (!json.startsWith(this.head)) return null;
    const at = this.head.length;
    for (const { json: stage, outcome } of this.stages) {
      if (!json.startsWith(stage, at)) continue;
      const value = at + stage.length + DISQUALIFIED_KEY.length;
      if (!json.startsWith(DISQUALIFIED_KEY, at + stage.length)) return null;
      if (json.startsWith("null", value)) return outcome;
      return json.charCodeAt(value) === 0x7b /* { */ ? DISQUALIFIED : null;
    }
    return null;
  }
}
