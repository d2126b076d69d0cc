import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // These tests run the real binary in child processes and property tests with many runs; on a
    // shared 2-core CI machine, with turbo running other packages' suites beside them, a single
    // test can take well over vitest's 5-second default without anything being wrong.
    testTimeout: 60_000,
    exclude: ["node_modules/**", "dist/**"],
  },
});
