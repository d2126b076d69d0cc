import { writeFileSync } from "node:fs";

/**
 * Preloaded (`node --import`) into a measured child on machines without GNU time: writes the
 * process's peak resident set size, in kilobytes, to the file the parent names.
 */
const file = process.env["LEADGATE_BENCH_RSS_FILE"];
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
