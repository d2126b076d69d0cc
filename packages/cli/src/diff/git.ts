import { execFile } from "node:child_process";
import { UsageError } from "../files.js";

/**
 * The only place leadgate runs git: always `execFile` with an argument array, never a shell, so a
 * ref or path can hold any character without being interpreted.
 */

/** Large enough for any policy or example file; a larger blob is refused rather than truncated. */
const MAX_OUTPUT = 256 * 1024 * 1024;

/** Never prompt (CI has no terminal); paths are names, never glob patterns. */
const GIT_ENV = { GIT_TERMINAL_PROMPT: "0", GIT_LITERAL_PATHSPECS: "1" };

/** git ran and failed: its exit code and what it wrote to stderr, for the message we show. */
class GitFailure extends Error {
  constructor(
    readonly exitCode: number | undefined,
    readonly stderr: string,
  ) {
    super(`git exited with ${exitCode ?? "an error"}`);
  }

  /** The first line git wrote to stderr, without its `fatal: ` prefix: what to tell the user. */
  get reason(): string {
    const line = this.stderr.split(/\r?\n/).find((l) => l.trim() !== "") ?? `exit code ${this.exitCode ?? "unknown"}`;
    return line.replace(/^(fatal|error): /, "");
  }
}

/** Runs git in `cwd` and resolves to its stdout as bytes; rejects with a GitFailure when git fails. */
function runGit(args: readonly string[], cwd: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      [...args],
      {
        cwd,
        encoding: "buffer",
        maxBuffer: MAX_OUTPUT,
        windowsHide: true,
        env: { ...process.env, ...GIT_ENV },
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT")
          return reject(
            new UsageError("git is not installed (or not on PATH): leadgate diff reads the base version from git"),
          );
        reject(new GitFailure(typeof code === "number" ? code : undefined, stderr.toString("utf8")));
      },
    );
  });
}

/** Runs git; any failure is a user-facing error naming what git said. */
export async function git(args: readonly string[], cwd: string): Promise<Buffer> {
  try {
    return await runGit(args, cwd);
  } catch (error) {
    if (error instanceof GitFailure) throw new UsageError(`git ${args[0] ?? ""} failed: ${error.reason}`);
    throw error;
  }
}

/** The top folder of the repository holding `cwd`. */
export async function repositoryTop(cwd: string): Promise<string> {
  try {
    return (await runGit(["rev-parse", "--show-toplevel"], cwd)).toString("utf8").trim();
  } catch (error) {
    if (error instanceof GitFailure)
      throw new UsageError(`not in a git repository (${cwd}): leadgate diff compares the policies at two git commits`);
    throw error;
  }
}

/**
 * The commit a ref names (a branch, tag, `origin/main`, `HEAD~1`, a hash), so that everything read
 * later comes from one fixed commit even if the ref moves meanwhile.
 */
export async function resolveCommit(top: string, ref: string): Promise<string> {
  // A ref starting with "-" would be read as an option by git: it cannot name a commit anyway.
  if (ref === "" || ref.startsWith("-") || /[\0\r\n]/.test(ref)) throw new UsageError(`unknown git ref '${ref}'`);
  try {
    const out = await runGit(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], top);
    return out.toString("utf8").trim();
  } catch (error) {
    if (error instanceof GitFailure) throw new UsageError(`unknown git ref '${ref}'`);
    throw error;
  }
}

/** Every file path (relative to the repository top) under the given paths at a commit; "" is the whole tree. */
export async function listFiles(top: string, commit: string, paths: readonly string[]): Promise<string[]> {
  const specs = paths.includes("") ? [] : paths;
  const out = await git(["ls-tree", "-r", "-z", "--name-only", "--full-tree", commit, "--", ...specs], top);
  return out
    .toString("utf8")
    .split("\0")
    .filter((p) => p !== "");
}

/** A file's bytes at a commit. */
export async function readBlob(top: string, commit: string, path: string): Promise<Buffer> {
  return git(["cat-file", "blob", `${commit}:${path}`], top);
}
