import type { DemoAuthor } from "./demo.types.js";

// The demo newsroom's journalists. Every one of them is fictional.

export const demoAuthors: DemoAuthor[] = [
  {
    slug: "nadia-haddad",
    name: "Nadia Haddad",
    role: "Transport correspondent",
    bio: "Nadia Haddad covers the trains, buses, roads and rivers that keep London moving, and the people stuck on them when they don't. She previously reported on local government in the Midlands and still cycles to work every day.",
    photo: "rail-station",
  },
  {
    slug: "oliver-fairweather",
    name: "Oliver Fairweather",
    role: "Home affairs editor",
    bio: "Oliver Fairweather writes about Westminster, the courts and the public services that shape everyday life, from schools to surgeries. He has covered four general elections and more all-night votes than he cares to count.",
    photo: "parliament",
  },
  {
    slug: "mei-lin-zhou",
    name: "Mei-Lin Zhou",
    role: "Economics editor",
    bio: "Mei-Lin Zhou explains interest rates, prices and pay, and what they mean for household budgets. Before joining London Daily she spent eight years as an economist at a City bank.",
  },
  {
    slug: "kwame-asante",
    name: "Kwame Asante",
    role: "Technology editor",
    bio: "Kwame Asante reports on artificial intelligence, privacy and the software that runs public services. He trained as a software engineer and still writes code at weekends.",
    photo: "circuit-board",
  },
  {
    slug: "rosa-delgado",
    name: "Rosa Delgado",
    role: "International correspondent",
    bio: "Rosa Delgado has reported from more than thirty countries on elections, trade and the politics of climate change. She speaks four languages and is learning a fifth.",
  },
  {
    slug: "callum-reid",
    name: "Callum Reid",
    role: "Chief sports writer",
    bio: "Callum Reid has covered football, athletics and cycling for fifteen years, from non-league grounds to world championships. He is happiest writing about the clubs and competitors the cameras miss.",
  },
  {
    slug: "farah-siddiqui",
    name: "Farah Siddiqui",
    role: "Arts and culture editor",
    bio: "Farah Siddiqui reviews theatre and exhibitions and writes about books, music and the business of culture. She grew up above her parents' bookshop in east London.",
  },
];
