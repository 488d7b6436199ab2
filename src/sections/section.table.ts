import type { Generated, Selectable } from "kysely";

export interface SectionTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  position: Generated<number>;
}
export type SectionRow = Selectable<SectionTable>;
