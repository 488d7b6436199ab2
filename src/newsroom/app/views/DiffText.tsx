// Words compared by the server (diffWords): added words underlined on green, removed ones struck on
// red, each also named for a screen reader, which announces neither <ins> nor <del> by default.

export interface WordChange {
  op: "equal" | "insert" | "delete";
  text: string;
}

export function DiffText({ changes }: { changes: WordChange[] }) {
  return (
    <p class="diff-text">
      {changes.map((c, i) =>
        c.op === "insert" ? (
          <ins key={i}>
            <span class="sr-only">[added: </span>
            {c.text}
            <span class="sr-only">]</span>
          </ins>
        ) : c.op === "delete" ? (
          <del key={i}>
            <span class="sr-only">[removed: </span>
            {c.text}
            <span class="sr-only">]</span>
          </del>
        ) : (
          <span key={i}>{c.text}</span>
        ),
      )}
    </p>
  );
}
