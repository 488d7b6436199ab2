/** An old address (from an imported site) that answers 301 to its new one (docs/adr/034). */
export interface RedirectTable {
  path: string;
  article_id: number | null;
  target: string | null;
  source: string;
  created_at: string;
}

/** What an imported item of another platform became here: re-running an import skips it. */
export interface ImportedItemTable {
  source: string;
  kind: "post" | "page" | "tag" | "author" | "media" | "section";
  external_id: string;
  local_id: number;
  created_at: string;
}
