import { href } from "../router.js";

/** The audience desk's screens, as links (each is its own address). */
export function AudienceTabs({ current }: { current: "now" | "today" | "7d" | "30d" }) {
  const tabs: [typeof current, string, string][] = [
    ["now", "Now", "/audience"],
    ["today", "Today", "/audience/overview?period=today"],
    ["7d", "7 days", "/audience/overview?period=7d"],
    ["30d", "30 days", "/audience/overview?period=30d"],
  ];
  return (
    <nav class="tabs" aria-label="Audience">
      <ul>
        {tabs.map(([key, label, to]) => (
          <li key={key}>
            <a href={href(to)} aria-current={key === current ? "page" : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
