/**
 * A lead the diff evaluates: an example case or a record of the `--leads` corpus, with what a
 * report needs to point at it.
 */
export interface LeadRef {
  /** The file, as reports show paths: relative to the working directory, forward slashes. */
  readonly source: string;
  /** 1-based line of the case or record; null when unknown. */
  readonly line: number | null;
  /** The case's name, or for a corpus record its `id`/`name`/`email` if it has one, else `record N`. */
  readonly name: string;
}

/** The lead as read, before validation. CSV cells are text until the policy's schema says otherwise. */
export type LeadInput =
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "csv"; readonly cells: Readonly<Record<string, string>> };

export interface LeadCase {
  readonly ref: LeadRef;
  /** The policy file it is evaluated with, relative to the repository top; null: every compared policy. */
  readonly policyPath: string | null;
  readonly asOf: string;
  readonly input: LeadInput;
}

/** A case or record that could not be evaluated at all (bad YAML, no asOf, malformed JSON line). */
export interface UnreadableLead {
  readonly ref: LeadRef;
  readonly reason: string;
}

/** How a report names a lead: `examples/inbound/basics.yaml:12 "vp at a software company"`. */
export function leadLabel(ref: LeadRef): string {
  return `${ref.source}${ref.line === null ? "" : `:${ref.line}`} ${JSON.stringify(ref.name)}`;
}
