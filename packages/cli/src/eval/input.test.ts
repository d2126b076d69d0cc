import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openInput, type Input } from "./input.js";

const dir = mkdtempSync(join(tmpdir(), "leadgate-input-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 300 KB of numbered lines: several 64 KB reads. */
const TEXT = Array.from({ length: 30_000 }, (_, i) => `{"line":${i}}`).join("\n") + "\n";

/** Every chunk copied as it comes (a chunk may be overwritten by the next read), and idle() after each. */
async function drain(input: Input): Promise<{ text: string; idle: boolean[] }> {
  const parts: string[] = [];
  const idle: boolean[] = [];
  for (let next = await input.chunks.next(); next.done !== true; next = await input.chunks.next()) {
    parts.push(next.value.toString("utf8"));
    idle.push(input.idle());
  }
  input.close();
  return { text: parts.join(""), idle };
}

describe("openInput", () => {
  it("reads a regular file whole, in several chunks, and never reports it idle", async () => {
    const path = join(dir, "leads.ndjson");
    writeFileSync(path, TEXT);
    const input = await openInput(path, process.stdin);
    expect(input.size).toBe(Buffer.byteLength(TEXT));
    const { text, idle } = await drain(input);
    expect(text).toBe(TEXT);
    expect(idle.length).toBeGreaterThan(2);
    expect(idle).not.toContain(true);
  });

  it("never reports stdin idle when it is redirected from a file, so batches are not cut short", () => {
    // stdin is the process's own: run openInput in a child whose stdin is the file. It imports the
    // built module, as the CLI tests run the built CLI.
    const path = join(dir, "stdin.ndjson");
    writeFileSync(path, TEXT);
    const built = new URL("../../dist/eval/input.js", import.meta.url).href;
    const script = `
      const { openInput } = await import(${JSON.stringify(built)});
      const input = await openInput("-", process.stdin);
      let bytes = 0, idle = false;
      for (let next = await input.chunks.next(); !next.done; next = await input.chunks.next()) {
        bytes += next.value.length;
        idle ||= input.idle();
      }
      input.close();
      console.log(JSON.stringify({ size: input.size, bytes, idle }));`;
    const fd = openSync(path, "r");
    try {
      const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
        stdio: [fd, "pipe", "pipe"],
        encoding: "utf8",
        cwd: fileURLToPath(new URL(".", import.meta.url)),
      });
      expect(child.stderr).toBe("");
      const bytes = Buffer.byteLength(TEXT);
      expect(JSON.parse(child.stdout)).toEqual({ size: bytes, bytes, idle: false });
    } finally {
      closeSync(fd);
    }
  });
});
