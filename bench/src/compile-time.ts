import { compilePolicy } from "@leadgate/compiler";
import { checkPolicy, parsePolicy } from "@leadgate/language";
import type { Context } from "./context.js";
import { scaledPolicy } from "./scaled-policy.js";
import { interleave, median, pairedRatio } from "./stats.js";

/**
 * (b) Compile time of policies 1×, 10× and 100× the size of inbound.gate: parse, check and
 * generate the module, what `leadgate build` does per policy apart from writing files. Interleaved
 * like the throughput samples; small sizes repeat inside a sample so each takes long enough to time.
 */

export const SCALES = [1, 10, 100] as const;
export type Scale = (typeof SCALES)[number];

export interface CompileTimeResult {
  readonly rows: ReadonlyArray<{ scale: Scale; lines: number; kilobytes: number; declarations: number; ms: number }>;
  /** Median over rounds of time(100×) / time(1×). */
  readonly growth100: number;
  readonly growth10: number;
}

function compileOnce(text: string): number {
  const checked = checkPolicy(parsePolicy(text, "scaled.gate"));
  if (!checked.policy) throw new Error("a scaled policy no longer checks");
  return compilePolicy(checked.policy, { sourceName: "scaled.gate" }).js.length;
}

/** A task timing one compile of `text`, repeated `repeat` times; returns milliseconds per compile. */
function task(text: string, repeat: number): () => number {
  return () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < repeat; i++) compileOnce(text);
    return Number(process.hrtime.bigint() - start) / 1e6 / repeat;
  };
}

export async function runCompileTime(context: Context): Promise<CompileTimeResult> {
  const { options, log } = context;
  const texts = new Map(SCALES.map((scale) => [scale, scaledPolicy(context.inboundSource, scale)]));
  // Warm the JIT on every size, then repeat each so that a sample lasts about as long as 100× once.
  for (const text of texts.values()) compileOnce(text);
  const once = new Map(SCALES.map((scale) => [scale, task(texts.get(scale)!, 1)()]));
  const budget = once.get(100)!;
  const tasks = SCALES.map(
    (scale) => [String(scale), task(texts.get(scale)!, Math.max(1, Math.round(budget / once.get(scale)!)))] as const,
  );
  log(`(b) compiling policies 1×, 10×, 100× the size of ${context.inboundPath}`);
  const samples = await interleave(options.rounds, tasks);
  return {
    rows: SCALES.map((scale) => {
      const text = texts.get(scale)!;
      const declarations = checkPolicy(parsePolicy(text, "scaled.gate")).policy!.ast.declarations.length;
      return {
        scale,
        lines: text.split("\n").length - 1,
        kilobytes: Buffer.byteLength(text) / 1024,
        declarations,
        ms: median(samples[String(scale)]!),
      };
    }),
    growth10: pairedRatio(samples["10"]!, samples["1"]!),
    growth100: pairedRatio(samples["100"]!, samples["1"]!),
  };
}
