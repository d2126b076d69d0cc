import pc from "picocolors";

export type Colors = ReturnType<typeof pc.createColors>;

/** No escape codes at all: for files, JSON, tests and anything not a terminal. */
export const noColors: Colors = pc.createColors(false);

/**
 * Colours only on a terminal and never when NO_COLOR is set (any value, https://no-color.org).
 * Not picocolors' own detection, which also colours in CI logs that are not terminals.
 */
export function colorsFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Colors {
  return pc.createColors(stream.isTTY === true && env.NO_COLOR === undefined);
}
