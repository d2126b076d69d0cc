import { parseArgs } from "node:util";
import { isIsoDate } from "./iso-date.js";

/** The help text, naming the policies that can be given to --policy. */
export function usage(known: readonly string[]): string {
  return `usage: node dist/batch.js --policy <name> --as-of YYYY-MM-DD <leads.ndjson | ->

Scores a file of leads, one JSON object per line, and writes one decision per valid lead to stdout.
Invalid lines are reported on stderr with their line number; the exit code is then 3.

  --policy <name>       the policy to apply: ${known.join(", ")}
  --as-of YYYY-MM-DD    the day to evaluate as of (required: batch runs are reproducible)
  -h, --help            show this help

Exit codes: 0 every line scored, 2 usage error, 3 some lines were invalid, 1 unexpected failure.`;
}

/** A problem with the command line: shown with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type BatchArgs = { help: true } | { help: false; policy: string; asOf: string; file: string };

/** Parses the command line; throws UsageError with a message fit to show as it is. */
export function parseBatchArgs(argv: readonly string[], knownPolicies: readonly string[]): BatchArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        policy: { type: "string" },
        "as-of": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs throws a TypeError with a readable message ("Unknown option '--polcy'").
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { help: true };

  const policy = values.policy;
  if (policy === undefined) throw new UsageError(`--policy is required: one of ${knownPolicies.join(", ")}`);
  if (!knownPolicies.includes(policy)) {
    throw new UsageError(`unknown policy '${policy}': expected one of ${knownPolicies.join(", ")}`);
  }
  const asOf = values["as-of"];
  if (asOf === undefined) throw new UsageError("--as-of is required, e.g. --as-of 2026-11-01");
  if (!isIsoDate(asOf)) throw new UsageError(`--as-of must be a date YYYY-MM-DD, got '${asOf}'`);

  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError("give the NDJSON file of leads to score (or - for stdin)");
  if (extra.length > 0) throw new UsageError(`expected one file, got ${positionals.length}: ${positionals.join(" ")}`);
  return { help: false, policy, asOf, file };
}
