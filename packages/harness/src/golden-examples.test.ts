import { fixtures } from "./__fixtures__/helpers.js";
import { defineGoldenTests } from "./vitest.js";

// The harness's own passing fixtures, run as vitest tests through the vitest entry.
defineGoldenTests({ cwd: fixtures, paths: ["passing", "coverage", "filters"] });
