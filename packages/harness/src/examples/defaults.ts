import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { isMap } from "yaml";
import { displayPath } from "../paths.js";
import { readTextFile } from "../text-file.js";
import { readSetting, unknownKeyMessage, type Settings } from "./settings.js";
import type { WritingProblem } from "./types.js";
import { YamlSource } from "./yaml-source.js";

export const DEFAULTS_KEYS = ["policy", "asOf"] as const;

/** A folder's `_defaults.yaml`: settings for every example file directly in that folder. */
export interface FolderDefaults {
  readonly settings: Settings;
  /** Set when the folder has a defaults file with problems; they are reported once, as that file's. */
  readonly file?: { readonly path: string; readonly display: string; readonly problems: readonly WritingProblem[] };
}

const NONE: FolderDefaults = { settings: {} };

/**
 * Reads `_defaults.yaml` (or `_defaults.yml`) of the folder an example file is in. Deliberately not
 * inherited by subfolders: a reader of an example file has exactly two places to look.
 */
export function readFolderDefaults(folder: string, cwd: string): FolderDefaults {
  const path = [join(folder, "_defaults.yaml"), join(folder, "_defaults.yml")].find((p) => existsSync(p));
  if (path === undefined) return NONE;
  const read = readTextFile(path);
  if (read.ok) return parseFolderDefaults(read.text, path, cwd);
  const problems = [{ line: 1, message: `cannot read: ${read.reason}` }];
  return { settings: {}, file: { path, display: displayPath(path, cwd), problems } };
}

/** Reads the text of a `_defaults.yaml` as if it were at `path` (see `parseExampleFile`). */
export function parseFolderDefaults(text: string, path: string, cwd: string): FolderDefaults {
  const display = displayPath(path, cwd);
  const problems: WritingProblem[] = [];
  const source = new YamlSource(text);
  if (source.syntaxErrors.length > 0) return { settings: {}, file: { path, display, problems: source.syntaxErrors } };
  const root = source.document.contents;
  let settings: Settings = {};
  if (root !== null && !isMap(root)) {
    problems.push({
      line: source.lineOf(root),
      message: "_defaults.yaml must be a mapping with `policy` and/or `asOf`",
    });
  } else if (root !== null) {
    const context = { source, file: display, folder: dirname(path), problems };
    for (const entry of source.entries(root)) {
      if (entry.key === "policy" || entry.key === "asOf") settings = { ...settings, ...readSetting(entry, context) };
      else
        problems.push({ line: entry.keyLine, message: unknownKeyMessage(entry.key, "_defaults.yaml", DEFAULTS_KEYS) });
    }
  }
  return problems.length > 0 ? { settings, file: { path, display, problems } } : { settings };
}
