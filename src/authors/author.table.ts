import type { Generated, Selectable } from "kysely";

export interface AuthorTable {
  id: Generated<number>;
  slug: string;
  name: string;
  role: Generated<string>;
  bio: Generated<string>;
  photo_media_id: number | null;
}
export type AuthorRow = Selectable<AuthorTable>;
