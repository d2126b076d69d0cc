/**
 * Three-valued (Kleene) logic: `true`, `false`, or `null` when the lead lacks data to decide.
 * `false and missing` is false and `true or missing` is true: a missing field only leaves the
 * answer open when it could change it.
 */
export type Tri = boolean | null;

export function and3(...values: Tri[]): Tri {
  let missing = false;
  for (const value of values) {
    if (value === false) return false;
    if (value === null) missing = true;
  }
  return missing ? null : true;
}

export function or3(...values: Tri[]): Tri {
  let missing = false;
  for (const value of values) {
    if (value === true) return true;
    if (value === null) missing = true;
  }
  return missing ? null : false;
}

export function not3(value: Tri): Tri {
  return value === null ? null : !value;
}

/** `null` and `undefined` are both "missing" in a lead. */
type Maybe<T> = T | null | undefined;

export function eq(a: Maybe<unknown>, b: Maybe<unknown>): Tri {
  return a == null || b == null ? null : a === b;
}

export function ne(a: Maybe<unknown>, b: Maybe<unknown>): Tri {
  return a == null || b == null ? null : a !== b;
}

// Ordering applies to numbers and to ISO dates, which order correctly as text.
export function lt(a: Maybe<number | string>, b: Maybe<number | string>): Tri {
  return a == null || b == null ? null : a < b;
}

export function le(a: Maybe<number | string>, b: Maybe<number | string>): Tri {
  return a == null || b == null ? null : a <= b;
}

export function gt(a: Maybe<number | string>, b: Maybe<number | string>): Tri {
  return a == null || b == null ? null : a > b;
}

export function ge(a: Maybe<number | string>, b: Maybe<number | string>): Tri {
  return a == null || b == null ? null : a >= b;
}

export function inSet(value: Maybe<unknown>, set: ReadonlySet<unknown>): Tri {
  return value == null ? null : set.has(value);
}

export function isPresent(value: unknown): boolean {
  return value != null;
}
