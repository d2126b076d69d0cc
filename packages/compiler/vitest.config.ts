import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Property tests with many runs (and, in the compiler, random policies compiled and imported):
    // on a shared 2-core CI machine, with turbo running other packages' suites beside them, one can
    // take well over vitest's 5-second default without anything being wrong. A bound on a hang,
    // not a speed claim.
    testTimeout: 60_000,
    exclude: ["node_modules/**", "dist/**"],
  },
});
