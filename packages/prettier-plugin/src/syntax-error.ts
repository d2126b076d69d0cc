import type { Diagnostic } from "@leadgate/language";

/**
 * A policy that does not parse, as prettier expects a parser to report it: a `SyntaxError` whose
 * `loc` prettier turns into `file: SyntaxError: message (line:column)` and a code frame. The
 * leadgate diagnostics stay on the error for tools that want the codes (`leadgate fmt` prints
 * them the way `leadgate check` does).
 */
export class GateSyntaxError extends SyntaxError {
  readonly loc: {
    readonly start: { readonly line: number; readonly column: number };
    readonly end: { readonly line: number; readonly column: number };
  };
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const first = diagnostics[0];
    if (!first) throw new TypeError("A syntax error needs at least one diagnostic.");
    const { start, end } = first.range;
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : "";
    super(`${first.code}: ${first.message}${more} (${start.line}:${start.column})`);
    this.name = "SyntaxError";
    this.loc = { start: { line: start.line, column: start.column }, end: { line: end.line, column: end.column } };
    this.diagnostics = diagnostics;
  }
}
