import { api } from "../api.js";
import { announce } from "../a11y/announce.js";
import { ErrorNote, useAction } from "../hooks.js";
import type { EditionDetail } from "../newsletters/newsletter-types.js";
import { navigate } from "../router.js";

// "Compose the next edition" on the Morning Headlines' editions (issue 18, docs/adr/031): the
// server composes the edition of the next send day from the last 24 hours (or finds it composed)
// and the editor lands in it to change, preview, test and leave it to its schedule.

export function ComposeNextEdition() {
  const action = useAction();
  const compose = () =>
    void action.run(async () => {
      const { composed, edition } = await api.post<{ composed: boolean; edition: EditionDetail }>("/editions/compose", {
        newsletter: "morning-headlines",
      });
      announce(composed ? `Composed ${edition.title}.` : `${edition.title} was already composed: opening it.`);
      navigate(`/editions/${edition.id}`);
    });
  return (
    <section class="panel" aria-labelledby="compose-next-h">
      <h2 id="compose-next-h">The next edition</h2>
      <p class="hint" id="compose-next-hint">
        Composes the next Morning Headlines now from the last 24 hours' stories. You can reorder, cut and add stories,
        preview it and send a test; it goes at the send time unless it is held. Stories published later are not added by
        themselves.
      </p>
      <button
        type="button"
        class="primary"
        aria-describedby="compose-next-hint"
        aria-disabled={action.busy}
        onClick={() => !action.busy && compose()}
      >
        Compose the next edition
      </button>
      <ErrorNote error={action.error} />
    </section>
  );
}
