import { fileURLToPath } from "node:url";
import { defineGoldenTests } from "../../vitest.js";

// How a package's vitest suite runs its examples: one describe per file, one it per case.
defineGoldenTests({ cwd: fileURLToPath(new URL("..", import.meta.url)), paths: ["passing", "failing"] });
