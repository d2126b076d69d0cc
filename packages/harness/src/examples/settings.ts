import { resolve } from "node:path";
import { isIsoDate } from "@leadgate/runtime";
import { suggest } from "@leadgate/language";
import type { Setting, WritingProblem } from "./types.js";
import { scalarValue, type YamlEntry, type YamlSource } from "./yaml-source.js";

/**
 * `policy` and `asOf`, which a case, its file and the folder's `_defaults.yaml` may all set, read
 * the same way wherever they are written.
 */
export interface Settings {
  readonly policy?: Setting<string>;
  readonly asOf?: Setting<string>;
}

export interface SettingContext {
  readonly source: YamlSource;
  /** Display path of the file being read. */
  readonly file: string;
  /** Folder the file is in: `policy` paths are relative to it. */
  readonly folder: string;
  readonly problems: WritingProblem[];
}

/** Reads `policy:` or `asOf:` from an entry; returns undefined (and records why) when it is invalid. */
export function readSetting(entry: YamlEntry, context: SettingContext): Settings {
  const line = context.source.lineOf(entry.value, entry.keyLine);
  const text = scalarValue(entry.value)?.value;
  if (entry.key === "policy") {
    if (typeof text !== "string" || text.trim() === "") {
      context.problems.push({ line, message: "`policy` must be the path of a .gate file, relative to this file" });
      return {};
    }
    return { policy: { value: resolve(context.folder, text), file: context.file, line } };
  }
  if (typeof text !== "string" || !isIsoDate(text)) {
    const shown = text === undefined ? "a list or mapping" : JSON.stringify(text);
    context.problems.push({ line, message: `\`asOf\` must be a date YYYY-MM-DD, got ${shown}` });
    return {};
  }
  return { asOf: { value: text, file: context.file, line } };
}

/** `unknown key "expct" in a case (did you mean "expect"?); allowed: ...`. */
export function unknownKeyMessage(key: string, where: string, allowed: readonly string[]): string {
  const match = suggest(key, allowed);
  const hint = match === undefined ? "" : ` (did you mean "${match}"?)`;
  return `unknown key ${JSON.stringify(key)} in ${where}${hint}; allowed: ${allowed.join(", ")}`;
}
