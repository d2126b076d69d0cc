import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Runs `node <args>` as a child process and measures it from outside: wall-clock time (Node's
 * start-up included, as a user or CI sees it) and peak resident memory. Peak memory comes from
 * GNU time (`/usr/bin/time -v`) when the machine has it, otherwise from a preloaded module that
 * records `process.resourceUsage().maxRSS` as the child exits.
 */

export interface ChildRun {
  readonly seconds: number;
  /** Peak resident set size in megabytes (2^20 bytes). */
  readonly peakRssMb: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const GNU_TIME = "/usr/bin/time";
const RSS_RECORDER = fileURLToPath(new URL("./max-rss.js", import.meta.url));

let gnuTime: boolean | undefined;

export function rssMethod(): string {
  return hasGnuTime() ? "GNU time -v (maximum resident set size)" : "process.resourceUsage().maxRSS in the child";
}

function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    const probe = existsSync(GNU_TIME) ? spawnSync(GNU_TIME, ["-v", "true"], { encoding: "utf8" }) : undefined;
    gnuTime = probe?.status === 0 && probe.stderr.includes("Maximum resident set size");
  }
  return gnuTime;
}

export function runNode(args: readonly string[], cwd: string): ChildRun {
  const dir = mkdtempSync(join(tmpdir(), "leadgate-bench-rss-"));
  const rssFile = join(dir, "rss");
  try {
    const [command, commandArgs] = hasGnuTime()
      ? [GNU_TIME, ["-v", "-o", rssFile, process.execPath, ...args]]
      : [process.execPath, ["--import", RSS_RECORDER, ...args]];
    const start = process.hrtime.bigint();
    const result = spawnSync(command, commandArgs, {
      cwd,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: "1", LEADGATE_BENCH_RSS_FILE: rssFile },
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.error) throw result.error;
    return {
      seconds,
      peakRssMb: readPeakKb(rssFile) / 1024,
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readPeakKb(file: string): number {
  if (!existsSync(file)) return Number.NaN;
  const text = readFileSync(file, "utf8");
  const gnu = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  return Number(gnu ? gnu[1] : text.trim());
}

/** The first lines of a child's output, for an error message that stays readable. */
export function excerpt(text: string, lines = 20): string {
  const all = text.trimEnd().split("\n");
  return all.length <= lines
    ? all.join("\n")
    : `${all.slice(0, lines).join("\n")}\n... (${all.length - lines} more lines)`;
}
