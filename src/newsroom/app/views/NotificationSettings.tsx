import { useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { api } from "../api.js";
import { ErrorNote, useAction, useLoad } from "../hooks.js";

// Which workflow emails this person gets (issue 18, docs/adr/026). The choices are saved by the
// button, all together, not one request per tick.

interface Setting {
  kind: string;
  label: string;
  email: boolean;
  applies: boolean;
}

export function NotificationSettings() {
  const loaded = useLoad(() => api.get<{ items: Setting[] }>("/notifications/settings").then((r) => r.items), []);
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const [done, setDone] = useState("");
  const save = useAction();
  // `chosen` holds only the reader's changes over what was loaded. (Copying the loaded values into
  // it in an effect overwrote a tick made in the moment between the first paint and the effect.)
  const items = (loaded.data ?? []).filter((s) => s.applies);
  return (
    <form
      class="panel auth-form"
      aria-labelledby="notify-title"
      onSubmit={(e) => {
        e.preventDefault();
        setDone("");
        void save.run(async () => {
          const body = Object.fromEntries(items.map((s) => [s.kind, chosen[s.kind] ?? s.email]));
          const res = await api.put<{ items: Setting[] }>("/notifications/settings", body);
          loaded.set(res.items);
          setChosen({});
          setDone("Email choices saved.");
          announce("Email choices saved.");
        });
      }}
    >
      <h2 id="notify-title">Emails from the newsroom</h2>
      <ErrorNote error={loaded.error ?? save.error} />
      <fieldset class="field">
        <legend>Email me when…</legend>
        {items.map((s) => (
          <label class="check" key={s.kind}>
            <input
              type="checkbox"
              name={`notify-${s.kind}`}
              checked={chosen[s.kind] ?? s.email}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setChosen((c) => ({ ...c, [s.kind]: on }));
              }}
            />
            {s.label}
          </label>
        ))}
      </fieldset>
      <button type="submit" class="primary" aria-disabled={save.busy || undefined} disabled={!loaded.data}>
        Save email choices
      </button>
      <span class="hint"> {done}</span>
    </form>
  );
}
