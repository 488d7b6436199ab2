import type { Db } from "../../database.js";
import type { PageInvalidator } from "../cache/page-invalidator.js";
import type { Config } from "../config.js";
import type { Mailer } from "../mail/mailer.js";
import type { Signer } from "../signing.js";
import type { Storage } from "../storage/storage.js";
import type { Limits } from "../http/shared-limits.js";

/** What every newsroom route and service is built from (explicit, so tests pass their own). */
export interface NewsroomDeps {
  db: Db;
  config: Config;
  now: () => Date;
  mailer: Mailer;
  /** The site's signing key, loaded on first use. */
  signer: () => Promise<Signer>;
  /** Uploaded and generated files (DATA_DIR/media by default). */
  storage: Storage;
  /** The site's pages: every write awaits the invalidation of what it touched before it answers. */
  pages: PageInvalidator;
  /** Where limits are counted: in this process, or in Redis for every instance. */
  limits?: Limits | undefined;
  /**
   * What follows a banner change (src/banner, its BannerEffects): publishing can raise the banner
   * too. Named by its shape here, as the kit imports no domain.
   */
  banner?: { changed(): Promise<void> } | undefined;
  /** Told when an image goes to or leaves the trash, so /media/ stops or starts serving its files. */
  trashedMedia?: { changed(): Promise<void> } | undefined;
}
