import type { Diagnostic } from "@leadgate/language";

/** A policy diagnostic on one line, as tsc prints them: `file:line:col - error LG2002: message (hint)`. */
export function diagnosticLine(file: string, d: Diagnostic): string {
  const { line, column } = d.range.start;
  return `${file}:${line}:${column} - ${d.severity} ${d.code}: ${d.message}${d.hint ? ` (${d.hint})` : ""}`;
}
