import { closest, distance } from "fastest-levenshtein";

/** "did you mean" for a misspelt name: the closest candidate, if it is plausibly a typo. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates].filter((c) => c !== name);
  if (list.length === 0) return undefined;
  const best = closest(
    name.toLowerCase(),
    list.map((c) => c.toLowerCase()),
  );
  const match = list.find((c) => c.toLowerCase() === best);
  if (match === undefined) return undefined;
  const allowed = Math.max(2, Math.floor(name.length / 3));
  return distance(name.toLowerCase(), best) <= allowed ? match : undefined;
}

export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const match = suggest(name, candidates);
  return match === undefined ? undefined : `Did you mean '${match}'?`;
}
