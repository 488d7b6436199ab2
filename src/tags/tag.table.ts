import type { Generated, Selectable } from "kysely";

export interface TagTable {
  id: Generated<number>;
  slug: string;
  name: string;
}
export type TagRow = Selectable<TagTable>;
