import { fileURLToPath } from "node:url";
import { defineGoldenTests } from "@leadgate/harness/vitest";

// The example leads in the repository's examples/ folder, one vitest test per case: `npm test`
// fails on exactly what `leadgate test` fails on. Snapshots are written with `leadgate test --update`.
defineGoldenTests({
  cwd: fileURLToPath(new URL("..", import.meta.url)),
  paths: ["examples/inbound", "examples/enterprise", "examples/partner"],
});
