import type { Expression, NumberLiteral } from "@leadgate/language";

/**
 * Prints a condition the way a person would write it, from the syntax tree: one space between
 * tokens, no comments, no line breaks. Two conditions that print alike mean the same, whatever
 * their layout, which is what the semantic diff compares. Parentheses are nodes of the tree, so
 * printing them as written keeps precedence without adding any.
 */
export function printExpression(expression: Expression, number: (n: NumberLiteral) => string = (n) => n.text): string {
  const print = (e: Expression): string => printExpression(e, number);
  switch (expression.kind) {
    case "String":
      return quote(expression.value);
    case "Number":
      return number(expression);
    case "Date":
      return expression.value;
    case "Boolean":
      return String(expression.value);
    case "Path":
      return expression.segments.map((s) => s.name).join(".");
    case "Logical":
      return expression.operands.map(print).join(` ${expression.operator} `);
    case "Not":
      return `not ${print(expression.operand)}`;
    case "Compare":
      return `${print(expression.left)} ${expression.operator} ${print(expression.right)}`;
    case "In":
      return `${print(expression.operand)} ${expression.negated ? "not in" : "in"} [${expression.items.map(print).join(", ")}]`;
    case "Presence":
      return `${print(expression.operand)} is ${expression.present ? "present" : "missing"}`;
    case "Window":
      return `${print(expression.operand)} ${expression.mode} ${number(expression.amount)} ${expression.unit}`;
    case "TextMatch":
      return `${print(expression.operand)} ${expression.operator} ${print(expression.pattern)}`;
    case "Quantifier": {
      const where = expression.filter ? ` where ${print(expression.filter)}` : "";
      const have = expression.predicate ? ` have ${print(expression.predicate)}` : "";
      return `${expression.quantifier} ${print(expression.list)}${where}${have}`;
    }
    case "DaysSince":
      return `days since ${print(expression.operand)}`;
    case "Parenthesized":
      return `(${print(expression.expression)})`;
  }
}

/** Text as the language writes it: in double quotes, with its four escapes. */
export function quote(text: string): string {
  return `"${text.replace(/[\\"\n\t]/g, (ch) => (ch === "\n" ? "\\n" : ch === "\t" ? "\\t" : `\\${ch}`))}"`;
}
