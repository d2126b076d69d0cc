import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { DiffOptions } from "./commands/diff.js";
import type { EvalOptions } from "./commands/eval.js";
import type { TestOptions } from "./commands/test.js";
import { UsageError } from "./usage-error.js";
import type { Output } from "./output.js";
import { VERSION } from "./version.js";

// Each command is imported when it runs, not before: the compiler, the harness and prettier take
// most of a second to load, which `--help`, `--version` and a lighter command should not pay.

/** A whole number of 0 or more, for count-like flags. */
function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number, e.g. 30");
  return Number(value);
}

/** Exit codes, documented in docs/guides/ci.md. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * Runs the CLI and resolves to the exit code. User errors (bad flags, missing files, invalid
 * leads) become messages and codes, never stack traces; only a bug in leadgate itself throws.
 */
export async function main(argv: readonly string[], output: Output): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command("leadgate")
    .description("Lead-qualification criteria as code: check, compile and test policies.")
    .version(VERSION, "-v, --version")
    .exitOverride()
    .configureOutput({
      // Commander ends its messages with a newline; Output adds its own.
      writeOut: (s) => output.out(s.replace(/\n$/, "")),
      writeErr: (s) => output.err(s.replace(/\n$/, "")),
    })
    .showSuggestionAfterError(true);

  program
    .command("check")
    .description("Check policies for syntax, name and type errors (default: criteria/).")
    .argument("[paths...]", "policy files or folders")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--today <date>", "judge review dates against this day (default: the system date)")
    .option("--review-due-days <days>", "warn when a review is due within this many days", parseCount, 30)
    .addOption(
      new Option("--overdue <severity>", "how an overdue review is reported")
        .choices(["error", "warning"])
        .default("error"),
    )
    .option("--codeowners <file>", "CODEOWNERS file to keep in sync (default: .github/CODEOWNERS, if present)")
    .option("--no-codeowners", "do not check the CODEOWNERS file")
    .option("--analyze", "also report findings worth a reviewer's attention (LG6xxx, as information)", false)
    .action(
      async (
        paths: string[],
        opts: {
          format: "text" | "json";
          today?: string;
          reviewDueDays: number;
          overdue: "error" | "warning";
          codeowners?: string | boolean;
          analyze: boolean;
        },
      ) => {
        const codeowners =
          opts.codeowners === false ? false : typeof opts.codeowners === "string" ? opts.codeowners : undefined;
        const { runCheck } = await import("./commands/check.js");
        exitCode = runCheck(paths, { ...opts, codeowners }, output);
      },
    );

  program
    .command("owners")
    .description("Print, write or check the CODEOWNERS section mapping each policy to its owners' handles.")
    .argument("[paths...]", "policy files or folders (default: criteria/)")
    .option("--write", "update the section in the CODEOWNERS file", false)
    .option("--check", "exit 1 if the CODEOWNERS section is out of date", false)
    .option("--file <file>", "the CODEOWNERS file (default: .github/CODEOWNERS at the repository root)")
    .action(async (paths: string[], opts: { write: boolean; check: boolean; file?: string }) => {
      const { runOwners } = await import("./commands/owners.js");
      exitCode = runOwners(paths, opts, output);
    });

  program
    .command("build")
    .description("Compile policies to typed ES modules; writes nothing if any policy has errors.")
    .argument("[paths...]", "policy files or folders")
    .option("--out-dir <dir>", "where to write the modules", "dist")
    .option("--today <date>", "judge review dates against this day (default: the system date)")
    .action(async (paths: string[], opts: { outDir: string; today?: string }) => {
      const { runBuild } = await import("./commands/build.js");
      exitCode = runBuild(paths, opts, output);
    });

  program
    .command("explain")
    .description("Evaluate one lead and explain the decision.")
    .argument("<policy>", "the policy file (.gate)")
    .argument("<lead>", "the lead (.json, .yaml or .yml)")
    .option("--as-of <date>", "evaluate as of this day (YYYY-MM-DD); required")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (policy: string, lead: string, opts: { asOf?: string; format: "text" | "json" }) => {
      const { runExplain } = await import("./commands/explain.js");
      exitCode = await runExplain(policy, lead, opts, output);
    });

  program
    .command("test")
    .description("Run the example leads as golden tests (default: examples/).")
    .argument("[paths...]", "example files (.yaml, .yml) or folders")
    .option("-u, --update", "rewrite the golden files to match the decisions (hand-written expects still fail)")
    .option("--filter <text>", "only cases whose name contains this text (ignoring case)")
    .option("--policy <name>", "only cases of the policy with this name (as in its header)")
    .option(
      "--coverage",
      "show what the examples exercise: requirements, rules, score lines, grade branches, disqualifiers",
    )
    .option("--min-coverage <percent>", "fail when a policy's coverage is below this percentage")
    .addOption(
      new Option("--reporter <reporter>", "output format").choices(["human", "json", "junit"]).default("human"),
    )
    .option("--output <file>", "write the json or junit report to this file")
    .action(async (paths: string[], opts: TestOptions) => {
      const { runTest } = await import("./commands/test.js");
      exitCode = await runTest(paths, opts, output);
    });

  program
    .command("diff")
    .description("Compare the policies with a git ref: leads that change stage and why, approvals, version bump.")
    .argument("[paths...]", "policy files or folders (default: criteria/)")
    .requiredOption("--base <ref>", "the git ref to compare with, e.g. origin/main")
    .option("--head <ref>", "the git ref to compare (default: the work tree, uncommitted edits included)")
    .option("--leads <file>", "also evaluate these leads: NDJSON (.ndjson, .jsonl) or CSV (.csv)")
    .option("--as-of <date>", "evaluate the --leads records as of this day (default: today)")
    .option("--examples <dir>", "where the example cases are (default: examples/)")
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "markdown", "json", "html"]).default("text"),
    )
    .option("--output <file>", "write the report to this file instead of stdout")
    .option("--fail-on-change", "exit 1 if any lead changes stage", false)
    .option("--changeset", "write .changeset/<slug>.md with the suggested bump of the criteria package", false)
    .action(async (paths: string[], opts: DiffOptions) => {
      const { runDiff } = await import("./commands/diff.js");
      exitCode = await runDiff(paths, opts, output);
    });

  program
    .command("eval")
    .description("Evaluate a stream of leads (NDJSON or CSV): one decision per record, in input order.")
    .argument("<policy>", "the policy (.gate), or a module compiled by leadgate build (.js)")
    .option("--as-of <date>", "evaluate as of this day (YYYY-MM-DD); required")
    .option("--input <file>", "the leads, NDJSON or CSV (.csv); - for stdin", "-")
    .addOption(
      new Option("--input-format <format>", "input format (default: csv for a .csv --input, else ndjson)").choices([
        "ndjson",
        "csv",
      ]),
    )
    .option("--output <file>", "where the decisions go; - for stdout", "-")
    .addOption(
      new Option("--format <format>", "output format (default: csv for a .csv --output, else ndjson)").choices([
        "ndjson",
        "csv",
      ]),
    )
    .option("--errors <file>", "write invalid records to this file as NDJSON (default: messages on stderr)")
    .option("--fields <list>", "only these decision fields, e.g. line,stage,scores.engagement,gates.*")
    .option(
      "--workers <n>",
      "evaluate in this many worker threads as well as the main thread, keeping the input order (default: 1 with more than one core, else 0)",
      parseCount,
    )
    .action(async (policy: string, opts: EvalOptions) => {
      const { runEval } = await import("./commands/eval.js");
      exitCode = await runEval(policy, opts, output);
    });

  program
    .command("fmt")
    .description("Format policies canonically, in place, as prettier does (default: criteria/).")
    .argument("[paths...]", "policy files or folders")
    .option("--check", "change nothing; list the policies that are not formatted and exit 1 if there are any", false)
    .action(async (paths: string[], opts: { check: boolean }) => {
      const { runFmt } = await import("./commands/fmt.js");
      exitCode = await runFmt(paths, opts, output);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      const informational = ["commander.helpDisplayed", "commander.version", "commander.help"].includes(error.code);
      return informational ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      output.err(`leadgate: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
}
