import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { VERSION } from "./chevrotain.js";

const entry = import.meta.resolve("chevrotain");

describe("chevrotain", () => {
  it("is loaded from the single-file build of the installed version", () => {
    // The single file this version ships, beside its entry point: what chevrotain.ts loads.
    expect(existsSync(fileURLToPath(new URL("../chevrotain.mjs", entry)))).toBe(true);
    const installed = JSON.parse(readFileSync(fileURLToPath(new URL("../../package.json", entry)), "utf8")) as {
      version: string;
    };
    expect(VERSION).toBe(installed.version);
  });
});
