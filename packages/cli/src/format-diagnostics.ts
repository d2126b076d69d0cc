import { diagnosticJson, type Diagnostic, type DiagnosticJson, type SourceFile } from "@leadgate/language";
import pc from "picocolors";

/**
 * Diagnostics the way tsc prints them: `file:line:col - error LG2001: message`, then the line
 * with the range underlined, then the hint.
 */
export function formatDiagnostic(file: string, source: SourceFile, d: Diagnostic, colors = pc): string {
  const { line, column } = d.range.start;
  const severity =
    d.severity === "error"
      ? colors.red("error")
      : d.severity === "warning"
        ? colors.yellow("warning")
        : colors.blue("info");
  const head = `${colors.cyan(file)}:${colors.yellow(String(line))}:${colors.yellow(String(column))} - ${severity} ${colors.gray(d.code)}: ${d.message}`;
  const text = source.lineText(line);
  const endColumn = d.range.end.line === line ? d.range.end.column : text.length + 1;
  const width = Math.max(1, endColumn - column);
  const gutter = String(line);
  const frame = [
    "",
    `${colors.inverse(gutter)} ${text}`,
    `${colors.inverse(" ".repeat(gutter.length))} ${" ".repeat(Math.max(0, column - 1))}${colors.red("~".repeat(width))}`,
  ];
  if (d.hint) frame.push(`  ${colors.gray("hint:")} ${d.hint}`);
  return [head, ...frame, ""].join("\n");
}

export function summary(errors: number, warnings: number, files: number, infos = 0): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const notes = infos > 0 ? `, ${plural(infos, "note")}` : "";
  return `Found ${plural(errors, "error")}${infos > 0 ? "," : " and"} ${plural(warnings, "warning")}${notes} in ${plural(files, "file")}.`;
}

export interface JsonDiagnostic extends DiagnosticJson {
  readonly file: string;
}

export function jsonDiagnostic(file: string, d: Diagnostic): JsonDiagnostic {
  return { file, ...diagnosticJson(d) };
}
