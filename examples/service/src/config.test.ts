import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_BODY_BYTES, readConfig } from "./config.js";

describe("readConfig", () => {
  it("defaults to port 3000 on every interface with a 1 MiB body limit", () => {
    expect(readConfig({})).toEqual({ port: 3000, host: undefined, maxBodyBytes: DEFAULT_MAX_BODY_BYTES });
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1_048_576);
  });

  it("reads PORT, HOST and MAX_BODY_BYTES", () => {
    expect(readConfig({ PORT: "0", HOST: "127.0.0.1", MAX_BODY_BYTES: "2048" })).toEqual({
      port: 0,
      host: "127.0.0.1",
      maxBodyBytes: 2048,
    });
  });

  it("names the variable when a value is not a usable whole number", () => {
    for (const port of ["http", "80.5", "-1", "65536", "0x50", "1e3", " 80"]) {
      expect(() => readConfig({ PORT: port }), port).toThrow(
        `PORT must be a whole number from 0 to 65535, got ${JSON.stringify(port)}`,
      );
    }
    expect(() => readConfig({ MAX_BODY_BYTES: "0" })).toThrow("MAX_BODY_BYTES must be a whole number from 1");
  });
});
