/** Text helpers. Matching is plain substring work, linear in the input: no regular expressions from policies. */

type Maybe<T> = T | null | undefined;

/** The part after the last `@`, lower-cased: `Ann@Example.COM` → `example.com`. */
export function emailDomain(email: Maybe<string>): string | null {
  if (email == null) return null;
  // Several rules of one lead usually test the same address's domain, one after another.
  if (email === lastEmail) return lastDomain;
  const at = email.lastIndexOf("@");
  lastEmail = email;
  lastDomain = email.slice(at + 1).toLowerCase();
  return lastDomain;
}

let lastEmail: string | undefined;
let lastDomain = "";

// `contains`, `starts with`, `ends with` ignore case: "VP of Sales" contains "vp".
export function containsText(text: Maybe<string>, part: Maybe<string>): boolean | null {
  return text == null || part == null ? null : text.toLowerCase().includes(part.toLowerCase());
}

export function startsWithText(text: Maybe<string>, part: Maybe<string>): boolean | null {
  return text == null || part == null ? null : text.toLowerCase().startsWith(part.toLowerCase());
}

export function endsWithText(text: Maybe<string>, part: Maybe<string>): boolean | null {
  return text == null || part == null ? null : text.toLowerCase().endsWith(part.toLowerCase());
}
