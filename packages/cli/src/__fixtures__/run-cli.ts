import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The built binary, run as a user would: the command-line tests all go through it. */
export const LEADGATE_BIN = fileURLToPath(new URL("../../bin/leadgate.js", import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  readonly cwd: string;
  readonly input?: string | Buffer;
  /** Added to the environment, over the defaults below. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Runs `leadgate args...` and returns its exit code and output. Colour is off and GitHub Actions
 * annotations are off unless a test turns them on, so output is the same on every machine and CI.
 */
export function runCli(args: readonly string[], options: CliRunOptions): CliRun {
  const result = spawnSync(process.execPath, [LEADGATE_BIN, ...args], {
    cwd: options.cwd,
    input: options.input,
    encoding: "utf8",
    // `leadgate eval` tests write large outputs to stdout.
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", GITHUB_ACTIONS: "", ...options.env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
