import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { readTextFile, UsageError } from "./files.js";

/** A lead record from a `.json`, `.yaml` or `.yml` file. */
export function readLeadFile(path: string): unknown {
  const text = readTextFile(path);
  const ext = extname(path).toLowerCase();
  try {
    if (ext === ".yaml" || ext === ".yml") return parseYaml(text);
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Cannot parse ${path}: ${(error as Error).message.split("\n")[0]}`);
  }
}
