import { spawn, spawnSync, type ChildProcessByStdio } from "node:child_process";
import { once } from "node:events";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { salLead } from "./__fixtures__/leads.js";

// The built entry point, started as in production (vitest's global setup compiles it first).
const entry = fileURLToPath(new URL("../dist/server.js", import.meta.url));

/** Resolves with everything printed to stdout up to and including the first line. */
async function firstLine(stream: Readable): Promise<string> {
  stream.setEncoding("utf8");
  let text = "";
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.includes("\n")) return text;
  }
  return text;
}

describe("server.js", () => {
  it("listens on PORT, logs one line, serves requests and exits 0 on SIGTERM", async () => {
    const child: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, [entry], {
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    try {
      const log = await firstLine(child.stdout);
      expect(log).toMatch(
        /^lead-qualify-service listening on http:\/\/127\.0\.0\.1:\d+ \(policies: inbound \d+\.\d+\.\d+, enterprise \S+, partner \S+\)\n$/,
      );
      const port = /:(\d+) /.exec(log)?.[1];

      const res = await fetch(`http://127.0.0.1:${port}/qualify?policy=inbound&asOf=2026-11-01`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(salLead),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ stage: "SAL" });

      // fetch keeps the connection alive; shutting down must not wait for the client to drop it.
      const started = Date.now();
      child.kill("SIGTERM");
      expect(await exited).toEqual([0, null]);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("refuses to start with an invalid PORT, exit 2", () => {
    const result = spawnSync(process.execPath, [entry], { env: { ...process.env, PORT: "eighty" }, encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('lead-qualify-service: PORT must be a whole number from 0 to 65535, got "eighty"\n');
  });
});
