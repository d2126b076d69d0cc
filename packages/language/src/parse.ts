import type { IToken } from "chevrotain";
import type { Comment, PolicyFile } from "./ast.js";
import { buildAst } from "./build-ast.js";
import { diagnostic, sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import { policyGrammar } from "./grammar.js";
import { policyLexer } from "./lexer.js";
import { SourceFile } from "./source.js";

/** How deeply parentheses and `not`s may nest. Deeper input gets LG1006 instead of a stack overflow. */
export const MAX_NESTING = 64;

export interface ParseResult {
  readonly source: SourceFile;
  readonly ast: PolicyFile;
  /** Syntax diagnostics only; see `checkPolicy` for names and types. */
  readonly diagnostics: readonly Diagnostic[];
}

// Trojan Source (CVE-2021-42574): these characters make text display in a different order than it is parsed.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

export function parsePolicy(text: string, path = "<policy>"): ParseResult {
  const source = new SourceFile(path, text);
  const diagnostics: Diagnostic[] = [];

  for (const match of source.text.matchAll(BIDI_CONTROLS)) {
    const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    diagnostics.push(
      diagnostic(
        "LG1005",
        source.rangeAt(match.index, match.index + 1),
        `Bidirectional control character U+${code} is not allowed: it can make the policy read differently than it runs.`,
        "Delete the character; policy text must display in the order it is evaluated.",
      ),
    );
  }

  const lexed = policyLexer.tokenize(source.text);
  for (const error of lexed.errors) {
    const range = source.rangeAt(error.offset, error.offset + error.length);
    const ch = source.text.slice(error.offset, error.offset + error.length);
    diagnostics.push(diagnostic("LG1001", range, `Unexpected character ${JSON.stringify(ch)}.`));
  }

  const tokens: IToken[] = [];
  for (const token of lexed.tokens) {
    if (token.tokenType.name === "UnterminatedString") {
      diagnostics.push(
        diagnostic(
          "LG1003",
          source.rangeAt(token.startOffset, token.startOffset + token.image.length),
          "Text in quotes is not closed before the end of the line.",
          'Add the closing " on the same line.',
        ),
      );
      continue;
    }
    tokens.push(token);
  }

  const comments: Comment[] = (lexed.groups["comments"] ?? []).map((token) => ({
    text: token.image,
    range: source.rangeAt(token.startOffset, token.startOffset + token.image.length),
  }));

  const tooDeep = findExcessiveNesting(tokens);
  if (tooDeep) {
    diagnostics.push(
      diagnostic(
        "LG1006",
        source.rangeAt(tooDeep.startOffset, tooDeep.startOffset + tooDeep.image.length),
        `Expressions nest more than ${MAX_NESTING} levels deep here.`,
        "Split the condition into named rules.",
      ),
    );
    const empty: PolicyFile = {
      kind: "PolicyFile",
      declarations: [],
      comments,
      range: source.rangeAt(0, source.text.length),
    };
    return { source, ast: empty, diagnostics: sortDiagnostics(diagnostics) };
  }

  policyGrammar.input = tokens;
  const cst = policyGrammar.policyFile();
  for (const error of policyGrammar.errors) {
    const token = error.token;
    const offset = Number.isNaN(token.startOffset) ? source.text.length : token.startOffset;
    const length = token.tokenType.name === "EOF" || Number.isNaN(token.startOffset) ? 0 : token.image.length;
    diagnostics.push(diagnostic("LG1002", source.rangeAt(offset, offset + length), error.message));
  }

  const ast = buildAst(cst, source, diagnostics);
  return { source, ast: { ...ast, comments }, diagnostics: sortDiagnostics(dedupe(diagnostics)) };
}

/** Parentheses, brackets, braces and `not` chains are what make the recursive-descent parser recurse. */
function findExcessiveNesting(tokens: readonly IToken[]): IToken | undefined {
  let depth = 0;
  let notChain = 0;
  for (const token of tokens) {
    const name = token.tokenType.name;
    if (name === "LParen" || name === "LBracket" || name === "LBrace") depth++;
    else if (name === "RParen" || name === "RBracket" || name === "RBrace") depth = Math.max(0, depth - 1);
    notChain = name === "Not" ? notChain + 1 : 0;
    if (depth + notChain > MAX_NESTING) return token;
  }
  return undefined;
}

/** Recovery can report the same position twice; one message per place is enough. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}:${d.range.start.offset}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
