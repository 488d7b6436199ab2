import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { NEWSROOM_ZONE } from "../london-time.js";

// A time-series chart (uPlot, docs/adr/029). It is a picture of the table beside it, which carries
// the same figures for screen readers and keyboards, so the canvas is hidden from assistive
// technology and summed up in one sentence.

export interface ChartLine {
  label: string;
  values: number[];
  color: string;
}

const STROKES = ["#1d4f91", "#b4451f", "#2f7d32"];

export function Chart(props: { times: number[]; lines: ChartLine[]; summary: string; daily?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 240,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), NEWSROOM_ZONE),
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [
          { stroke: "#444", grid: { stroke: "#e5e1d8" }, values: props.daily ? "{D} {MMM}" : "{HH}:{mm}" },
          { stroke: "#444", grid: { stroke: "#e5e1d8" } },
        ],
        series: [
          {},
          ...props.lines.map((l, i) => ({
            label: l.label,
            stroke: l.color || STROKES[i % STROKES.length],
            width: 2,
            points: { show: props.times.length < 40 },
          })),
        ],
      },
      [props.times, ...props.lines.map((l) => l.values)],
      el,
    );
    const resize = () => plot.setSize({ width: Math.max(280, el.clientWidth), height: 240 });
    addEventListener("resize", resize);
    return () => {
      removeEventListener("resize", resize);
      plot.destroy();
    };
  }, [props.times, props.lines]);
  return (
    <figure class="chart">
      <div ref={box} aria-hidden="true" />
      <figcaption>{props.summary}</figcaption>
    </figure>
  );
}
