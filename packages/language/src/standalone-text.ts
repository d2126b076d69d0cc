/**
 * A copy of `text` that shares no memory with the string it was cut from, and that V8 stores one
 * byte a character whenever its characters allow.
 *
 * Why it matters: a token's image is a substring of the policy's text, and V8 keeps a substring in
 * the representation of the whole text. One character beyond Latin-1 anywhere in a policy (an
 * arrow in a comment) makes the whole text two bytes a character, and with it every name cut from
 * it. Names become property keys while a policy is checked and compiled, and V8 keeps one copy of
 * each key: the same name written as a literal in the compiled module then resolves to that
 * two-byte copy, and so does every decision's JSON that contains it. Encoding two-byte text as
 * UTF-8 is the slow path: on inbound.gate it made `leadgate eval` spend 2 to 3 times as long
 * writing each decision (docs/performance.md, "What limits each measure").
 *
 * JSON.stringify then JSON.parse rebuilds the string from its code units, lone surrogates
 * included (JSON.stringify escapes them), so the copy is always equal to the original.
 */
export function standaloneText(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
