import type { FieldName } from "./types.js";

/** The editor's names for the article fields, for the conflict view and revision comparisons. */
export const FIELD_LABELS: Record<string, string> & Partial<Record<FieldName, string>> = {
  kicker: "Kicker",
  headline: "Headline",
  standfirst: "Standfirst",
  slug: "Slug",
  sectionId: "Section",
  tagIds: "Tags",
  authorIds: "Authors",
  heroMediaId: "Hero image",
  heroCaption: "Hero caption",
  heroCredit: "Hero credit",
  videoId: "Featured video",
  seoTitle: "SEO title",
  seoDescription: "SEO description",
  socialMediaId: "Social image",
  breaking: "Breaking",
  editorsNotes: "Editors’ notes",
  tags: "Tags",
  authors: "Authors",
  body: "Body",
  embargoAt: "Embargo",
};
