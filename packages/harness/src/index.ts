export { loadPolicy, importModuleText, type PolicyModule, type LoadResult } from "./load-policy.js";
export { runGoldenTests, type GoldenTestOptions } from "./run/run-golden-tests.js";
export { HarnessUsageError } from "./errors.js";
export type {
  CaseResult,
  Failure,
  FailureKind,
  FileProblem,
  FileSummary,
  GoldenUpdate,
  ObsoleteEntry,
  PolicyReport,
  SnapshotOutcome,
  TestReport,
} from "./run/results.js";
export type { DecisionChanges, RequirementFlip, ScoreDelta } from "./compare/decision-changes.js";
export type { Diff, DiffLine } from "./compare/structural-diff.js";
export type { CoverageKind, PolicyCoverage, UncoveredWay } from "./coverage/coverage.js";
export { formatHumanReport, type HumanReportOptions } from "./report/human.js";
export { formatJsonReport } from "./report/json.js";
export { formatJunitReport } from "./report/junit.js";
export { formatGithubAnnotations } from "./report/github.js";
export { caseFailureText } from "./report/failure-text.js";
export { colorsFor, noColors, type Colors } from "./report/colors.js";
export { decodeText, readTextFile, type TextFileResult } from "./text-file.js";
export { displayPath } from "./paths.js";
export { parseExampleFile } from "./examples/read-example-file.js";
export { parseFolderDefaults, type FolderDefaults } from "./examples/defaults.js";
export { isExampleFileName } from "./examples/discover.js";
export type { Settings } from "./examples/settings.js";
export type { ExampleCase, ExampleFile, Setting, WritingProblem } from "./examples/types.js";
