import { posix } from "node:path";
import { isIsoDate } from "@leadgate/runtime";
import { isMap, isNode, isSeq, LineCounter, parseDocument } from "yaml";
import type { LeadCase, LeadRef, UnreadableLead } from "./leads.js";
import type { SourceTree } from "./source-tree.js";

/**
 * Reads example cases (the golden-test files, see `leadgate test`) from one version of the
 * repository, for the diff to evaluate. It needs only each case's name, lead, policy and asOf, and
 * reads them as the harness does: `policy:` relative to the file that sets it, `asOf` and
 * `policy` from the case, else the file, else `_defaults.yaml` in the same folder. Checking how
 * cases are written is `leadgate test`'s job: a case that cannot be run is listed, not judged.
 */
export interface ExampleCases {
  readonly cases: LeadCase[];
  readonly unreadable: UnreadableLead[];
}

const EXAMPLE = /\.ya?ml$/i;
const GOLDEN = /\.golden\.ya?ml$/i;
const DEFAULTS = /(^|\/)_defaults\.ya?ml$/i;

interface Setting {
  policy?: string | undefined;
  asOf?: string | undefined;
}

export async function readExampleCases(
  tree: SourceTree,
  folders: readonly string[],
  display: (repoPath: string) => string,
): Promise<ExampleCases> {
  const files = (await tree.list(folders)).filter((p) => EXAMPLE.test(p) && !GOLDEN.test(p) && !DEFAULTS.test(p));
  const cases: LeadCase[] = [];
  const unreadable: UnreadableLead[] = [];
  const defaults = new Map<string, Setting>();
  for (const path of files) {
    const folder = posix.dirname(path);
    let inherited = defaults.get(folder);
    if (!inherited) {
      const text =
        (await tree.read(posix.join(folder, "_defaults.yaml"))) ??
        (await tree.read(posix.join(folder, "_defaults.yml")));
      inherited = text === undefined ? {} : (settingsOf(parse(text).data, folder) ?? {});
      defaults.set(folder, inherited);
    }
    const source = display(path);
    const text = await tree.read(path);
    if (text === undefined) continue;
    const file = parse(text);
    const whole = (reason: string) => unreadable.push({ ref: { source, line: 1, name: "(whole file)" }, reason });
    if (file.error !== undefined) {
      whole(`not valid YAML: ${file.error}`);
      continue;
    }
    const root = file.data;
    if (!isRecord(root) || !Array.isArray(root.cases)) {
      whole("no `cases:` list");
      continue;
    }
    const fileSettings = { ...inherited, ...settingsOf(root, folder) };
    for (const [index, item] of (root.cases as unknown[]).entries()) {
      const name = isRecord(item) && typeof item.name === "string" ? item.name : `(case ${index + 1})`;
      const read = toCase(item, { source, line: file.caseLine(index), name }, fileSettings, folder);
      if ("reason" in read) unreadable.push(read);
      else cases.push(read);
    }
  }
  return { cases, unreadable };
}

function toCase(item: unknown, ref: LeadRef, inherited: Setting, folder: string): LeadCase | UnreadableLead {
  if (!isRecord(item) || !("lead" in item)) return { ref, reason: "the case has no `lead`" };
  const { policy, asOf } = { ...inherited, ...settingsOf(item, folder) };
  if (policy === undefined) return { ref, reason: "the case names no `policy` inside the repository" };
  if (asOf === undefined || !isIsoDate(asOf)) return { ref, reason: "the case has no valid `asOf` date" };
  return { ref, policyPath: policy, asOf, input: { kind: "json", value: item.lead } };
}

/** `policy` (resolved against `folder`) and `asOf`, where written; a bad value counts as unset. */
function settingsOf(value: unknown, folder: string): Setting {
  if (!isRecord(value)) return {};
  const out: Setting = {};
  if (typeof value.policy === "string" && value.policy.trim() !== "" && !posix.isAbsolute(value.policy)) {
    const resolved = posix.normalize(posix.join(folder, value.policy.replace(/\\/g, "/")));
    // A policy outside the repository has no version at a commit: leave it unset.
    if (!resolved.startsWith("../")) out.policy = resolved;
  }
  if (typeof value.asOf === "string") out.asOf = value.asOf;
  return out;
}

interface ParsedYaml {
  readonly data: unknown;
  readonly error: string | undefined;
  /** 1-based line of the index-th item of `cases:`. */
  caseLine(index: number): number | null;
}

function parse(text: string): ParsedYaml {
  const lines = new LineCounter();
  // YAML 1.2 core schema, as the harness reads it: `2026-11-01` stays text, `yes` is not a boolean.
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, version: "1.2" });
  const error = document.errors[0]?.message.split("\n")[0];
  const root = document.contents;
  const cases = isMap(root) ? root.get("cases", true) : undefined;
  let data: unknown;
  let problem = error;
  try {
    if (error === undefined) data = document.toJS();
  } catch (e) {
    // e.g. an alias expanding too far: the yaml package refuses it rather than use all memory.
    problem = (e as Error).message.split("\n")[0];
  }
  return {
    data,
    error: problem,
    caseLine(index) {
      const item: unknown = isSeq(cases) ? cases.items[index] : undefined;
      const offset = isNode(item) ? item.range?.[0] : undefined;
      return offset === undefined ? null : lines.linePos(offset).line;
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
