import type { IToken } from "chevrotain";
import type { Comment, PolicyFile } from "./ast.js";
import { buildAst } from "./build-ast.js";
import { diagnostic, sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import { policyGrammar } from "./grammar.js";
import { policyLexer } from "./lexer.js";
import { MAX_NESTING } from "./limits.js";
import { SourceFile } from "./source.js";
import { standaloneText } from "./standalone-text.js";

export { MAX_NESTING };

export interface ParseResult {
  readonly source: SourceFile;
  readonly ast: PolicyFile;
  /** Syntax diagnostics only; see `checkPolicy` for names and types. */
  readonly diagnostics: readonly Diagnostic[];
}

// Trojan Source (CVE-2021-42574): these characters make text display in a different order than it is parsed.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

const BEYOND_LATIN_1 = /[^\u0000-\u00ff]/;

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
  // Names and literals cut from a text with characters beyond Latin-1 are stored apart from it
  // (see standaloneText). V8 stores any other text one byte a character when it reads it from a
  // file, and the copies cost a tenth of the parse of a large policy, so they are skipped there.
  const standalone = BEYOND_LATIN_1.test(source.text);
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
    if (standalone) token.image = standaloneText(token.image);
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

const OPENERS = new Set(["LParen", "LBracket", "LBrace"]);
const CLOSERS = new Set(["RParen", "RBracket", "RBrace"]);
/** Prefix operators: a run of them nests its operand one level per operator. */
const PREFIX = new Set(["Not", "Since"]);
/** Tokens that may sit inside a run of prefix operators (`days since days since d`). */
const WITHIN_RUN = new Set(["Days"]);
/** A quantifier's filter or predicate nests until the end of the enclosing brackets or statement. */
const SCOPE_OPENERS = new Set(["Where", "Have"]);
/** Tokens that start a new statement (a rule, line, requirement or branch) inside a block. */
const STATEMENT_STARTS = new Set(["Colon", "Comma", "Require", "If"]);

/**
 * What makes the recursive-descent parser (and, after it, the checker and compiler) recurse:
 * brackets, runs of prefix operators (`not`, `days since`) and quantifier scopes (`where`,
 * `have`). Each open bracket starts a frame that carries the nesting in front of it; a frame's
 * quantifier scopes last until it closes or a new statement starts. Counting on tokens, before
 * parsing, is what lets a hostile file get a diagnostic instead of a stack overflow.
 */
function findExcessiveNesting(tokens: readonly IToken[]): IToken | undefined {
  // Per open frame: the nesting it adds (1 for the bracket, plus the prefix run in front of it)
  // and the quantifier scopes opened inside it.
  const frames: Array<{ carried: number; scopes: number }> = [{ carried: 0, scopes: 0 }];
  let enclosing = 0; // sum of `carried + scopes` over every frame but the innermost
  let run = 0;
  for (const token of tokens) {
    const name = token.tokenType.name;
    const frame = frames[frames.length - 1]!;
    if (OPENERS.has(name)) {
      enclosing += frame.carried + frame.scopes;
      frames.push({ carried: 1 + run, scopes: 0 });
      run = 0;
    } else if (CLOSERS.has(name)) {
      if (frames.length > 1) {
        frames.pop();
        const parent = frames[frames.length - 1]!;
        enclosing -= parent.carried + parent.scopes;
      }
      run = 0;
    } else if (PREFIX.has(name)) {
      run++;
    } else if (SCOPE_OPENERS.has(name)) {
      frame.scopes++;
      run = 0;
    } else if (STATEMENT_STARTS.has(name)) {
      frame.scopes = 0;
      run = 0;
    } else if (!WITHIN_RUN.has(name)) {
      run = 0;
    }
    const current = frames[frames.length - 1]!;
    if (enclosing + current.carried + current.scopes + run > MAX_NESTING) return token;
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
