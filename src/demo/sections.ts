import type { DemoSection } from "./demo.types.js";

// The demo newsroom's sections, in masthead order. Written for the London Daily demo.

export const demoSections: DemoSection[] = [
  {
    slug: "uk",
    name: "UK",
    description:
      "London first, then the rest of the country: politics, transport, housing and the stories on your doorstep.",
  },
  {
    slug: "world",
    name: "World",
    description: "Our correspondents on the elections, treaties and turning points shaping other countries.",
  },
  {
    slug: "business",
    name: "Business",
    description: "Money, markets and work, explained for the people who earn, spend and borrow it.",
  },
  {
    slug: "technology",
    name: "Technology",
    description: "How software, science and the companies behind them are changing daily life.",
  },
  {
    slug: "sport",
    name: "Sport",
    description: "Results, rivalries and the people behind the scoreline, from park pitches to packed stadiums.",
  },
  {
    slug: "culture",
    name: "Culture",
    description: "Reviews and reporting from the capital's stages, galleries, bookshops and screens.",
  },
];
