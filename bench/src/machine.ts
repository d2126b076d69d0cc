import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, release, totalmem, type } from "node:os";

/** What the figures were measured on: they mean little without it. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly os: string;
  readonly commit: string;
  /** The 1-minute load average when the run started: above 0 means others shared the cores. */
  readonly loadAtStart: number;
}

function osName(): string {
  // /etc/os-release names the distribution; os.type() alone only says "Linux".
  if (existsSync("/etc/os-release")) {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync("/etc/os-release", "utf8"));
    if (pretty) return `${pretty[1]} (${type()} ${release()})`;
  }
  return `${type()} ${release()}`;
}

function commit(repoRoot: string): string {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repoRoot, encoding: "utf8" }).trim();
    const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
    return `${git("rev-parse", "--short", "HEAD")}${dirty ? " with uncommitted changes" : ""}`;
  } catch {
    return "unknown";
  }
}

export function describeMachine(repoRoot: string): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: osName(),
    commit: commit(repoRoot),
    loadAtStart: loadavg()[0] ?? 0,
  };
}
