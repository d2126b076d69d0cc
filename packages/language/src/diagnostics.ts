import type { Range } from "./source.js";

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  /** Stable code, e.g. `LG2001`; documented in docs/language.md. */
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  /** A suggestion of what to do, shown under the message. */
  readonly hint?: string;
}

/**
 * Every diagnostic leadgate can report. The catalogue is the single source of truth for codes and
 * default severities; docs/language.md lists the same codes and a test keeps the two in sync.
 */
export const DIAGNOSTICS = {
  // 1xxx: reading the file
  LG1001: { severity: "error", title: "Unexpected character" },
  LG1002: { severity: "error", title: "Syntax error" },
  LG1003: { severity: "error", title: "Unterminated text" },
  LG1004: { severity: "error", title: "Invalid date" },
  LG1005: { severity: "error", title: "Bidirectional control character" },
  LG1006: { severity: "error", title: "Nesting too deep" },
  LG1008: { severity: "error", title: "Missing section" },
  LG1009: { severity: "error", title: "Repeated section" },
  LG1010: { severity: "error", title: "Invalid escape in text" },
  // 2xxx: names
  LG2001: { severity: "error", title: "Unknown field" },
  LG2002: { severity: "error", title: "Unknown name" },
  LG2003: { severity: "error", title: "Unknown enum member" },
  LG2004: { severity: "error", title: "Duplicate name" },
  LG2005: { severity: "error", title: "Rules depend on each other in a cycle" },
  LG2006: { severity: "error", title: "Unknown owner team" },
  LG2007: { severity: "error", title: "Unknown type" },
  LG2009: { severity: "error", title: "Reserved name" },
  // 3xxx: types
  LG3001: { severity: "error", title: "Type mismatch" },
  LG3002: { severity: "error", title: "Condition is not true/false" },
  LG3003: { severity: "error", title: "Operator does not apply to this type" },
  LG3004: { severity: "error", title: "Not a list" },
  LG3005: { severity: "error", title: "Field is never missing" },
  LG3006: { severity: "error", title: "Invalid decay or window" },
  LG3007: { severity: "error", title: "Recursive record type" },
  LG3008: { severity: "error", title: "Override does not name stages" },
  LG3009: { severity: "error", title: "Records nest too deeply" },
  // 4xxx: meaning
  LG4001: { severity: "error", title: "Requirement can never pass" },
  LG4002: { severity: "error", title: "Requirement always passes" },
  LG4003: { severity: "warning", title: "Unused rule" },
  LG4004: { severity: "warning", title: "Unused score" },
  LG4005: { severity: "error", title: "Review overdue" },
  LG4006: { severity: "error", title: "No stages" },
  LG4008: { severity: "error", title: "Grade without a fallback" },
  LG4009: { severity: "error", title: "Invalid metadata" },
  LG4010: { severity: "warning", title: "Review due soon" },
  // 5xxx: the repository around the policies
  LG5001: { severity: "error", title: "Owners file out of sync" },
  // 6xxx: analysis, reported by `leadgate check --analyze` as information
  LG6001: { severity: "info", title: "Condition never holds" },
  LG6002: { severity: "info", title: "Condition always holds" },
  LG6003: { severity: "info", title: "Overlapping disqualifiers" },
  LG6004: { severity: "info", title: "More activity can lower the result" },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

export function diagnostic(
  code: DiagnosticCode,
  range: Range,
  message: string,
  hint?: string,
  severity: Severity = DIAGNOSTICS[code].severity,
): Diagnostic {
  return hint === undefined ? { code, severity, message, range } : { code, severity, message, range, hint };
}

/** A diagnostic as plain JSON, the shape every `--format json` / `--reporter json` output shares. */
export interface DiagnosticJson {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly hint?: string;
}

export function diagnosticJson(d: Diagnostic): DiagnosticJson {
  return {
    line: d.range.start.line,
    column: d.range.start.column,
    endLine: d.range.end.line,
    endColumn: d.range.end.column,
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.hint ? { hint: d.hint } : {}),
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Stable order: by position, then code, so output never depends on the order checks ran in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.range.start.offset - b.range.start.offset ||
      a.range.end.offset - b.range.end.offset ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}
