import { type ArticleDraft, type DraftPatch, FIELD_NAMES, type FieldName } from "./types.js";

// Three-way view of a save conflict: the version my edits were based on, my unsaved edits, and
// the newer version someone else saved. Fields only I changed keep my value; fields only they
// changed take theirs; fields we both changed differently are the person's choice.

export type Side = "mine" | "theirs";

export interface FieldConflict {
  field: FieldName;
  mine: unknown;
  theirs: unknown;
  /** Both sides changed it to different values. */
  clash: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Every field that differs between my edits and their version, clashes first. */
export function compareVersions(base: ArticleDraft, mine: DraftPatch, theirs: ArticleDraft): FieldConflict[] {
  const out: FieldConflict[] = [];
  for (const field of Object.keys(mine) as FieldName[]) {
    const value = mine[field];
    if (same(value, theirs[field])) continue;
    out.push({ field, mine: value, theirs: theirs[field], clash: !same(base[field], theirs[field]) });
  }
  return out.sort((a, b) => Number(b.clash) - Number(a.clash));
}

/** Fields they changed that I did not touch: their values stand, and the view says so. */
export function theirOtherChanges(base: ArticleDraft, mine: DraftPatch, theirs: ArticleDraft): FieldName[] {
  const fields = Object.keys(theirs).filter((k) => k in base) as FieldName[];
  return fields.filter((f) => !(f in mine) && FIELD_SET.has(f) && !same(base[f], theirs[f]));
}

const FIELD_SET = new Set<string>(FIELD_NAMES);

/**
 * What to save on top of their version: my value for every field where I chose mine (or where
 * only I changed it and no choice was made), nothing where I chose theirs.
 */
export function resolvePatch(conflicts: FieldConflict[], choices: Partial<Record<FieldName, Side>>): DraftPatch {
  const patch: Record<string, unknown> = {};
  for (const c of conflicts) {
    const side = choices[c.field] ?? "mine";
    if (side === "mine") patch[c.field] = c.mine;
  }
  return patch as DraftPatch;
}

export const keepAllMine = (conflicts: FieldConflict[]) =>
  resolvePatch(conflicts, Object.fromEntries(conflicts.map((c) => [c.field, "mine" as const])));

export const takeAllTheirs = (conflicts: FieldConflict[]) =>
  resolvePatch(conflicts, Object.fromEntries(conflicts.map((c) => [c.field, "theirs" as const])));
