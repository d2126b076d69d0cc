/**
 * How deeply expressions (parentheses, `not`s, quantifiers, `days since`) and records may nest.
 * The parser, checker and compiler recurse once per level; deeper input gets a diagnostic
 * (LG1006 for expressions, LG3009 for records) instead of a stack overflow.
 */
export const MAX_NESTING = 64;
