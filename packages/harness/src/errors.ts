/**
 * A problem with what the harness was asked to do (a path that does not exist, a folder without
 * examples, a filter that selects nothing), as opposed to a problem found in the examples. The
 * CLI prints it as a usage error (exit 2); example problems are test failures (exit 1).
 */
export class HarnessUsageError extends Error {
  override readonly name = "HarnessUsageError";
}
