import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ImpactReport } from "./report.js";

/**
 * A changeset (https://github.com/changesets/changesets) for the criteria package: the bump the
 * diff suggests and a summary a release note can use. The criteria package is versioned on its
 * own, apart from the @leadgate/* tools, so services can pin the criteria they were tested with.
 */
export function changesetText(report: ImpactReport, packageName: string): string {
  const lines = ["---", `${JSON.stringify(packageName)}: ${report.bump.level}`, "---", ""];
  lines.push(`Lead criteria changes (\`leadgate diff\` against ${report.base.label}):`, "");
  for (const p of report.policies) {
    if (p.status === "unchanged") continue;
    const moved =
      p.moved.length === 0
        ? "no lead changes stage"
        : `${p.moved.length} lead${p.moved.length === 1 ? "" : "s"} change stage`;
    const version =
      p.version.before !== p.version.after
        ? ` (version ${p.version.before ?? "none"} → ${p.version.after ?? "none"})`
        : "";
    lines.push(
      `- ${p.name}${version}: ${p.status === "changed" ? moved : p.status === "added" ? "new policy" : "policy removed"}.`,
    );
    for (const c of p.changes)
      if (c.kind !== "header" || c.name !== "version") lines.push(`  - ${c.text}${c.breaking ? " (breaking)" : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Writes `.changeset/<slug>.md` at the repository top. The slug names the changed policies and the
 * base commit, not the content: running the diff again after another edit on the same branch
 * rewrites the same file instead of leaving a stale second changeset beside it.
 */
export function writeChangeset(top: string, report: ImpactReport, packageName: string): string {
  const text = changesetText(report, packageName);
  const names = report.policies
    .filter((p) => p.status !== "unchanged")
    .map((p) => p.name.toLowerCase().replace(/[^a-z0-9]+/g, "-"));
  const base = report.base.commit ?? createHash("sha256").update(report.base.label).digest("hex");
  const slug = `criteria-${names.join("-").slice(0, 60)}-${base.slice(0, 7)}`.replace(/-+/g, "-");
  const dir = join(top, ".changeset");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${slug}.md`);
  writeFileSync(file, text);
  return file;
}
