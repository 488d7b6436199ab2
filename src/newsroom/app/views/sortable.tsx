import { useState } from "preact/hooks";

// Lists an editor puts in order (the front page's top stories, an edition's items): by drag and
// drop, or with Up and Down buttons, the keyboard way (WCAG 2.5.7). `move(from, to)` does the rest.

/** The drag-and-drop props of row `i`; a row that may not move is not draggable. */
export function useDragOrder(move: (from: number, to: number) => void) {
  const [dragging, setDragging] = useState<number | null>(null);
  return (i: number, enabled = true) => ({
    draggable: enabled,
    class: dragging === i ? "dragging" : "",
    onDragStart: (e: DragEvent) => {
      setDragging(i);
      e.dataTransfer?.setData("text/plain", String(i));
    },
    onDragOver: (e: DragEvent) => e.preventDefault(),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      if (dragging !== null) move(dragging, i);
      setDragging(null);
    },
    onDragEnd: () => setDragging(null),
  });
}

/** Up and Down for row `index` of `count`, named after the row's `title` for screen readers. */
export function MoveButtons(props: {
  index: number;
  count: number;
  title: string;
  move: (from: number, to: number) => void;
}) {
  const { index, count, title, move } = props;
  return (
    <>
      <button
        type="button"
        class="small"
        disabled={index === 0}
        onClick={() => move(index, index - 1)}
        aria-label={`Move “${title}” up`}
      >
        Up
      </button>
      <button
        type="button"
        class="small"
        disabled={index === count - 1}
        onClick={() => move(index, index + 1)}
        aria-label={`Move “${title}” down`}
      >
        Down
      </button>
    </>
  );
}
