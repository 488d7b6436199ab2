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
  /** 1 when editors let writers and contributors add this profile as a co-author (docs/adr/025). */
  co_byline: Generated<number>;
}
export type AuthorRow = Selectable<AuthorTable>;
