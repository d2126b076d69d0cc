import { percentText, uncoveredText, unreachedStageText } from "../coverage/coverage.js";
import type { CaseResult, FileProblem, ObsoleteEntry, TestReport } from "../run/results.js";
import { caseFailureText, fileProblemText, obsoleteText } from "./failure-text.js";
import { xmlElement, xmlText } from "./xml.js";

interface TestCase {
  readonly name: string;
  readonly classname: string;
  readonly file: string;
  readonly line: number;
  /** Absent when the test case passed. */
  readonly failure?: { readonly message: string; readonly type: string; readonly details: string };
}

/**
 * JUnit XML for CI test tabs: a `testsuite` per example file with a `testcase` per case, plus a
 * testcase for each problem with a file itself, each obsolete snapshot and, with a minimum, each
 * policy's coverage. No timings: the same run gives the same file.
 */
export function formatJunitReport(report: TestReport): string {
  const suites = new Map<string, TestCase[]>();
  const add = (suite: string, testCase: TestCase) => {
    const list = suites.get(suite) ?? [];
    list.push(testCase);
    suites.set(suite, list);
  };
  for (const file of report.files) suites.set(file.file, []);
  for (const [file, problems] of groupByFile(report.fileProblems)) add(file, fileProblemCase(file, problems));
  for (const result of report.cases) add(result.file, caseOf(result));
  for (const entry of report.obsolete) add(entry.exampleFile, obsoleteCase(entry));
  if (report.minCoverage !== null)
    for (const coverage of report.coverage ?? []) {
      const low = coverage.percent < report.minCoverage;
      const gaps = [
        ...coverage.uncovered.map((way) => uncoveredText(coverage.file, way)),
        ...coverage.unreachedStages.map((stage) => unreachedStageText(coverage.file, stage)),
      ];
      const message = `coverage of ${coverage.policy} is ${percentText(coverage.percent)}, below the minimum of ${report.minCoverage}%`;
      add("coverage", {
        name: `coverage of ${coverage.policy}`,
        classname: "coverage",
        file: coverage.file,
        line: 1,
        ...(low ? { failure: { message, type: "coverage", details: gaps.join("\n") } } : {}),
      });
    }

  let tests = 0;
  let failures = 0;
  const suiteXml: string[] = [];
  for (const [name, testCases] of suites) {
    if (testCases.length === 0) continue;
    const failed = testCases.filter((t) => t.failure).length;
    tests += testCases.length;
    failures += failed;
    const body = testCases.map((t) => `    ${testCaseXml(t)}`).join("\n");
    suiteXml.push(
      `  ${xmlElement("testsuite", { name, tests: testCases.length, failures: failed, errors: 0, skipped: 0 }, `\n${body}\n  `)}`,
    );
  }
  const root = xmlElement(
    "testsuites",
    { name: "leadgate test", tests, failures, errors: 0 },
    `\n${suiteXml.join("\n")}\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}

function testCaseXml(t: TestCase): string {
  const attributes = { name: t.name, classname: t.classname, file: t.file, line: t.line };
  if (!t.failure) return xmlElement("testcase", attributes);
  const failure = xmlElement(
    "failure",
    { message: t.failure.message, type: t.failure.type },
    xmlText(t.failure.details),
  );
  return xmlElement("testcase", attributes, failure);
}

function caseOf(result: CaseResult): TestCase {
  const base = { name: result.name, classname: result.file, file: result.file, line: result.line };
  const [first] = result.failures;
  if (result.status === "passed" || !first) return base;
  const more = result.failures.length - 1;
  return {
    ...base,
    failure: {
      message: more > 0 ? `${first.message} (and ${more} more)` : first.message,
      type: first.kind,
      details: caseFailureText(result, { policyDiagnostics: true }),
    },
  };
}

function groupByFile(problems: readonly FileProblem[]): Map<string, FileProblem[]> {
  const byFile = new Map<string, FileProblem[]>();
  for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  return byFile;
}

/** All problems of one file as one failing testcase: the file, not a case, is what is broken. */
function fileProblemCase(file: string, problems: readonly FileProblem[]): TestCase {
  const [first] = problems as [FileProblem, ...FileProblem[]];
  const more = problems.length - 1;
  return {
    name: "(the file itself)",
    classname: file,
    file,
    line: first.line,
    failure: {
      message: more > 0 ? `${first.message} (and ${more} more)` : first.message,
      type: "invalid-file",
      details: problems.map(fileProblemText).join("\n"),
    },
  };
}

function obsoleteCase(entry: ObsoleteEntry): TestCase {
  return {
    name: `obsolete snapshot ${JSON.stringify(entry.name)}`,
    classname: entry.exampleFile,
    file: entry.goldenFile,
    line: entry.line,
    failure: {
      message: `obsolete snapshot ${JSON.stringify(entry.name)}`,
      type: "obsolete-snapshot",
      details: obsoleteText(entry),
    },
  };
}
