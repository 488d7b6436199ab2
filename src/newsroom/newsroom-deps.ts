import type { Db } from "../database.js";
import type { BannerEffects } from "../banner/banner.service.js";
import type { PageInvalidator } from "../pages/page-layer.js";
import type { Config } from "../platform/config.js";
import type { Mailer } from "../platform/mail/mailer.js";
import type { Signer } from "../platform/signing.js";
import type { Storage } from "../platform/storage/storage.js";
import type { Limits } from "../platform/http/shared-limits.js";

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
  /** What follows a banner change (src/banner): publishing can raise the banner too. */
  banner?: BannerEffects | undefined;
  /** Told when an image goes to or leaves the trash, so /media/ stops or starts serving its files. */
  trashedMedia?: { changed(): Promise<void> } | undefined;
}
