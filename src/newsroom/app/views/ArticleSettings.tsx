import type { PickedImage } from "../editor/BodyEditor.js";
import type { DraftFields, FieldName } from "../types.js";
import { MediaField } from "./fields.js";
import { VideoField } from "./VideoField.js";

// The article editor's settings that only fill in fields (ArticleEdit.tsx): the hero image and
// video, search and social, and the editors' notes. Each change goes through the editor's autosave.

export type SetField = <K extends FieldName>(field: K, value: DraftFields[K]) => void;

interface SettingsProps {
  fields: DraftFields;
  set: SetField;
  pickImage: () => Promise<PickedImage | undefined>;
}

export function ImagesAndVideo({ fields, set, pickImage }: SettingsProps) {
  return (
    <details open>
      <summary>Images and video</summary>
      <MediaField
        label="Hero image"
        mediaId={fields.heroMediaId}
        onPick={() => pickImage()}
        onChange={(mid) => set("heroMediaId", mid)}
      />
      {fields.heroMediaId !== null && (
        <>
          <p class="field">
            <label for="hero-caption">Hero caption (this article)</label>
            <input
              id="hero-caption"
              value={fields.heroCaption ?? ""}
              onInput={(e) => set("heroCaption", e.currentTarget.value || null)}
            />
          </p>
          <p class="field">
            <label for="hero-credit">Hero credit (this article)</label>
            <input
              id="hero-credit"
              value={fields.heroCredit ?? ""}
              onInput={(e) => set("heroCredit", e.currentTarget.value || null)}
            />
          </p>
        </>
      )}
      <VideoField videoId={fields.videoId} onChange={(vid) => set("videoId", vid)} />
    </details>
  );
}

export function SearchAndSocial({ fields, set, pickImage }: SettingsProps) {
  return (
    <details>
      <summary>Search and social</summary>
      <p class="field">
        <label for="seo-title">SEO title</label>
        <input
          id="seo-title"
          maxLength={70}
          value={fields.seoTitle}
          aria-describedby="seo-title-count"
          onInput={(e) => set("seoTitle", e.currentTarget.value)}
        />
        <span class="hint" id="seo-title-count">
          {fields.seoTitle.length}/70; the headline when empty
        </span>
      </p>
      <p class="field">
        <label for="seo-description">SEO description</label>
        <textarea
          id="seo-description"
          maxLength={200}
          rows={3}
          value={fields.seoDescription}
          aria-describedby="seo-description-count"
          onInput={(e) => set("seoDescription", e.currentTarget.value)}
        />
        <span class="hint" id="seo-description-count">
          {fields.seoDescription.length}/200; the standfirst when empty
        </span>
      </p>
      <MediaField
        label="Social image"
        mediaId={fields.socialMediaId}
        onPick={() => pickImage()}
        onChange={(mid) => set("socialMediaId", mid)}
      />
    </details>
  );
}

export function EditorsNotes({ fields, set }: Omit<SettingsProps, "pickImage">) {
  return (
    <details>
      <summary>Editors’ notes (never public)</summary>
      <p class="field">
        <label for="editors-notes">Notes for the desk</label>
        <textarea
          id="editors-notes"
          rows={4}
          value={fields.editorsNotes}
          onInput={(e) => set("editorsNotes", e.currentTarget.value)}
        />
      </p>
    </details>
  );
}
