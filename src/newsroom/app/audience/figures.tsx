import type { SeriesPoint } from "../../../audience/overview.js";
import type { SourceCounts } from "../../../audience/figures.queries.js";
import type { SourceKind } from "../../../audience/audience.table.js";
import type { ComponentChildren } from "preact";
import "./audience.css";

// Small pieces the audience screens share: numbers and durations as editors read them, the
// sources table, and a series as chart data.

export const SOURCE_LABELS: Record<SourceKind, string> = {
  direct: "Direct",
  internal: "Our own pages",
  search: "Search",
  social: "Social",
  newsletter: "Newsletters",
  other: "Other sites",
};

export const count = (n: number) => n.toLocaleString("en-GB");

/** 95 → "1 min 35 s". */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min ${s % 60} s`;
}

export function SourcesTable(props: { sources: SourceCounts; caption: string; unit?: string }) {
  const { sources, caption, unit = "Views" } = props;
  const total = Object.values(sources).reduce((a, b) => a + b, 0);
  return (
    <table class="list figures">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Source</th>
          <th scope="col" class="num">
            {unit}
          </th>
          <th scope="col" class="num">
            Share
          </th>
        </tr>
      </thead>
      <tbody>
        {(Object.keys(SOURCE_LABELS) as SourceKind[]).map((k) => (
          <tr key={k}>
            <th scope="row">{SOURCE_LABELS[k]}</th>
            <td class="num">{count(sources[k])}</td>
            <td class="num">{total ? `${Math.round((100 * sources[k]) / total)}%` : "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Seconds since the epoch for uPlot: an hour bucket's UTC start, or a day's noon. */
export function timeOf(p: SeriesPoint): number {
  return (p.t.length === 10 ? Date.parse(`${p.t}T12:00:00Z`) : Date.parse(`${p.t}:00Z`)) / 1000;
}

/** A long table in a box that scrolls; focusable, so the keyboard can scroll it too (WCAG 2.1.1). */
export function Scroller({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
