import type { Generated, Selectable } from "kysely";

export interface AuthorTable {
  id: Generated<number>;
  slug: string;
  name: string;
  role: Generated<string>;
  bio: Generated<string>;
  photo_media_id: number | null;
  /** The newsroom user this profile belongs to, if any. */
  user_id: number | null;
  /** JSON array of { label, url } social links. */
  links: Generated<string>;
}
export type AuthorRow = Selectable<AuthorTable>;
