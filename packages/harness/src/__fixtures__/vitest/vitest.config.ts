import { defineConfig } from "vitest/config";

// Runs only the golden spec below; src/vitest.test.ts starts vitest with this config.
export default defineConfig({
  test: { root: import.meta.dirname, include: ["*.golden-spec.ts"] },
});
