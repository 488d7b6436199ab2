import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import { formatLondon } from "../london-time.js";

// Who else has this story open (issue 18): a heartbeat every 15 s while the editor is open (the
// server says how often), a goodbye when it closes. The line is a polite live region, so a screen
// reader hears when a colleague opens or leaves the story.

interface Viewer {
  userId: number;
  name: string;
  since: string;
}

export function PresenceNote({ articleId }: { articleId: number }) {
  const [others, setOthers] = useState<Viewer[]>([]);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const beat = async () => {
      let next = 15_000;
      try {
        const res = await api.post<{ others: Viewer[]; heartbeatMs: number }>(`/articles/${articleId}/presence`);
        if (!live) return;
        setOthers(res.others);
        next = res.heartbeatMs;
      } catch {
        // Offline or signed out: the save status says so; presence tries again on the next beat.
      }
      if (live) timer = setTimeout(() => void beat(), next);
    };
    void beat();
    return () => {
      live = false;
      clearTimeout(timer);
      void api.delete(`/articles/${articleId}/presence`).catch(() => undefined);
    };
  }, [articleId]);
  const names = others.map((o) => o.name);
  const text =
    names.length === 0
      ? ""
      : names.length === 1
        ? `${names[0]} also has this story open (since ${formatLondon(others[0]!.since)}): coordinate before you both change it.`
        : `${names.slice(0, -1).join(", ")} and ${names.at(-1)} also have this story open.`;
  return (
    <p class={text ? "presence note" : "presence"} role="status">
      {text}
    </p>
  );
}
