import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**"],
    // The batch and server tests run the built entry points in child processes, as an operator
    // would; compiling first means they never run a dist/ older than the sources beside them.
    globalSetup: ["./vitest.global-setup.ts"],
    // Child processes on a shared 2-core machine, with turbo running other suites beside these,
    // can take well over vitest's 5-second default without anything being wrong.
    testTimeout: 30_000,
  },
});
