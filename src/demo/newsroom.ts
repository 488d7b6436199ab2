import type { DemoAuthor, DemoSection } from "./demo.types.js";

// The demo newsroom's sections and staff. Every person here is fictional.

export const demoSections: DemoSection[] = [
  { slug: "uk", name: "UK", description: "News from London and across the United Kingdom." },
  { slug: "world", name: "World", description: "Reporting from our correspondents around the world." },
  { slug: "business", name: "Business", description: "Companies, markets, work and the economy." },
  { slug: "technology", name: "Technology", description: "The science and business of the tools we live with." },
  { slug: "sport", name: "Sport", description: "Results, features and the stories behind the scores." },
  { slug: "culture", name: "Culture", description: "Theatre, art, books, music and screen." },
];

export const demoAuthors: DemoAuthor[] = [
  {
    slug: "amara-okonkwo",
    name: "Amara Okonkwo",
    role: "London correspondent",
    bio: "Amara Okonkwo covers City Hall, housing and transport in the capital. She joined London Daily from a local news agency in south London.",
    photo: "thames-dawn",
  },
  {
    slug: "tomasz-wojcik",
    name: "Tomasz Wójcik",
    role: "World affairs editor",
    bio: "Tomasz Wójcik has reported from more than forty countries. He writes about diplomacy, trade and the politics of climate.",
    photo: "harbour-cranes",
  },
  {
    slug: "priya-raman",
    name: "Priya Raman",
    role: "Business editor",
    bio: "Priya Raman writes about companies, markets and the economics of everyday life. Before journalism she was a financial analyst.",
  },
  {
    slug: "daniel-achterberg",
    name: "Daniel Achterberg",
    role: "Technology correspondent",
    bio: "Daniel Achterberg covers software, chips and the people who build them, with a particular interest in privacy and public services.",
    photo: "circuit-board",
  },
  {
    slug: "grace-mensah",
    name: "Grace Mensah",
    role: "Sports writer",
    bio: "Grace Mensah writes about football, athletics and the business of sport, from grassroots clubs to world championships.",
  },
  {
    slug: "eliot-brandt",
    name: "Eliot Brandt",
    role: "Arts critic",
    bio: "Eliot Brandt reviews theatre and exhibitions and writes about the economics of culture in London and beyond.",
  },
  {
    slug: "siobhan-keane",
    name: "Siobhan Keane",
    role: "Science and environment reporter",
    bio: "Siobhan Keane reports on climate, energy and health, and on the research behind the headlines.",
  },
];

/** Tags the demo stories draw from, so topic pages and related articles have depth. */
export const demoTagVocabulary = [
  "Transport",
  "Housing",
  "Climate",
  "Energy",
  "Elections",
  "Health",
  "Education",
  "Policing",
  "Trade",
  "Diplomacy",
  "Interest rates",
  "Jobs",
  "Retail",
  "Start-ups",
  "Artificial intelligence",
  "Privacy",
  "Space",
  "Football",
  "Athletics",
  "Cricket",
  "Tennis",
  "Theatre",
  "Art",
  "Books",
  "Music",
];
