import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { copyOfFixtures, fixtures, writeMalformedExample } from "../__fixtures__/helpers.js";
import { runGoldenTests } from "../run/run-golden-tests.js";
import type { TestReport } from "../run/results.js";
import { formatJunitReport } from "./junit.js";

interface Parsed {
  testsuites: {
    "@_tests": string;
    "@_failures": string;
    testsuite: Array<{
      "@_name": string;
      "@_tests": string;
      "@_failures": string;
      testcase: Array<{
        "@_name": string;
        "@_classname": string;
        "@_file": string;
        "@_line": string;
        failure?: { "@_message": string; "@_type": string; "#text": string };
      }>;
    }>;
  };
}

function parse(xml: string): Parsed {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === "testsuite" || name === "testcase",
    parseAttributeValue: false,
    trimValues: false,
    htmlEntities: true, // decode numeric references such as &#10;, as any XML parser must
  });
  return parser.parse(xml) as Parsed;
}

describe("the JUnit reporter", () => {
  it("writes one testcase per case, failures with message and details", async () => {
    const cwd = copyOfFixtures("failing", "invalid", "passing");
    writeMalformedExample(cwd);
    const report = await runGoldenTests({ cwd, paths: ["failing", "invalid", "passing"] });
    const { testsuites } = parse(formatJunitReport(report));
    expect(testsuites["@_tests"]).toBe("9");
    expect(testsuites["@_failures"]).toBe("5");
    expect(testsuites.testsuite.map((s) => [s["@_name"], s["@_tests"], s["@_failures"]])).toEqual([
      ["failing/changed.yaml", "2", "1"],
      ["invalid/bad-leads.yaml", "3", "3"],
      ["invalid/malformed.yaml", "1", "1"],
      ["passing/basics.yaml", "3", "0"],
    ]);

    const failing = testsuites.testsuite[0]!.testcase;
    expect(failing.map((t) => [t["@_name"], t["@_line"], t.failure?.["@_type"]])).toEqual([
      ["unchanged lead", "6", undefined],
      ["shrinking company", "14", "expectation"],
    ]);
    const failure = failing[1]!.failure!;
    expect(failure["@_message"]).toBe("expected stage MQL, got no stage (and 1 more)");
    expect(failure["#text"]).toContain(
      'failing/changed.yaml:23 case "shrinking company": expected stage MQL, got no stage\n',
    );
    expect(failure["#text"]).toContain("    requirements flipped:\n      MQL.big: passed → failed\n");
    expect(failure["#text"]).not.toContain("\u001b["); // never colours in a file

    const malformed = testsuites.testsuite[2]!.testcase[0]!;
    expect(malformed).toMatchObject({ "@_name": "(the file itself)", "@_line": "7" });
    expect(malformed.failure?.["#text"]).toBe(
      "invalid/malformed.yaml:7:1: Flow map in block collection must be sufficiently indented and end with a }",
    );
  });

  it("escapes markup, quotes, line breaks and characters XML cannot hold", async () => {
    const report = await runGoldenTests({ cwd: fixtures, paths: ["passing"] });
    const name = `<b> & "quotes" 'too'\nline two \u0001 ]]>`;
    const tricky: TestReport = {
      ...report,
      cases: [
        {
          ...report.cases[0]!,
          name,
          status: "failed",
          failures: [{ kind: "expectation", line: 3, message: `expected <MQL> & "more"` }],
        },
      ],
    };
    const xml = formatJunitReport(tricky);
    const testcase = parse(xml).testsuites.testsuite[0]!.testcase[0]!;
    expect(testcase["@_name"]).toBe(name.replace("\u0001", "\ufffd"));
    expect(testcase.failure?.["@_message"]).toBe(`expected <MQL> & "more"`);
    expect(testcase.failure?.["#text"]).toContain(`expected <MQL> & "more"`);
  });

  it("adds a coverage testcase per policy when a minimum is set", async () => {
    const report = await runGoldenTests({ cwd: fixtures, paths: ["coverage"], minCoverage: 95 });
    const coverage = parse(formatJunitReport(report)).testsuites.testsuite.find((s) => s["@_name"] === "coverage")!;
    expect(coverage.testcase[0]).toMatchObject({
      "@_name": "coverage of tiny",
      failure: { "@_message": "coverage of tiny is 90.0%, below the minimum of 95%", "@_type": "coverage" },
    });
    expect(coverage.testcase[0]!.failure!["#text"]).toContain(
      "policies/tiny.gate:35 disqualifier competitor never true",
    );
  });
});
