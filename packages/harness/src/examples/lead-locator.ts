import { isMap, isSeq, type Node } from "yaml";
import { YamlSource } from "./yaml-source.js";

export type LeadLocator = (caseIndex: number, path: readonly (string | number)[], fallback: number) => number;

/**
 * Finds the line of a value inside a case's lead. Only invalid leads need it, so rather than keep
 * every file's syntax tree in memory while its cases run (vitest holds all files at once), the
 * file's text is parsed again the first time a line is asked for.
 */
export function leadLocator(text: string): LeadLocator {
  let source: YamlSource | undefined;
  return (caseIndex, path, fallback) => {
    source ??= new YamlSource(text);
    const root = source.document.contents;
    const cases = isMap(root) ? source.entries(root).find((e) => e.key === "cases")?.value : undefined;
    const item = isSeq(cases) ? source.resolve(cases.items[caseIndex] as Node | null) : null;
    const lead = isMap(item) ? source.entries(item).find((e) => e.key === "lead")?.value : undefined;
    return lead === undefined ? fallback : source.lineAtPath(lead, path, fallback);
  };
}
