import type { DemoArticle } from "./demo.types.js";

// Stories from the news desk. Everything here is invented for the London Daily demo.

export const storiesNewsdesk: DemoArticle[] = [
  {
    slug: "thames-tide-barrier-night-test",
    section: "uk",
    kicker: "Flood defences",
    headline: "Engineers close the river gates overnight in the largest test for a decade",
    standfirst:
      "Every gate of the fictional Eastmarsh barrier was raised before dawn as crews rehearsed a surge that has not yet come.",
    authors: ["siobhan-keane"],
    tags: ["Climate", "Transport"],
    hoursAgo: 0.7,
    hero: {
      image: "thames-dawn",
      alt: "Illustration of a river at dawn with a towered bridge and a city skyline behind",
      caption: "The river at first light, hours after the gates were lowered again.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Shortly after two o'clock this morning the ten steel gates of the Eastmarsh barrier began to turn, closing the river to shipping for the first full-scale rehearsal since the defences were rebuilt.",
      "The test ran for four hours. Engineers said every gate rose within its target time, although one pump house on the southern bank needed a manual restart that added eleven minutes to the sequence.",
      { h2: "Why rehearse now" },
      "Forecasters expect higher spring tides next year, and the river authority wants crews who have done the job in the dark rather than read about it. Half of the team on shift had never closed the barrier in anger.",
      {
        quote:
          "You do not want the first time to be the night it matters. Tonight was about finding the eleven minutes we lost, not the ten gates that worked.",
        by: "Ruth Adeyemi, operations lead at the river authority",
      },
      {
        list: [
          "Ten gates closed in 47 minutes, against a target of 50",
          "Shipping held for four hours, with two freighters waiting downstream",
          "One pump house restarted by hand",
        ],
      },
      "The authority will publish a full report in the spring. Residents of the riverside estates, who received text alerts at midnight, were told no action was needed.",
      { video: true },
    ],
    video: true,
  },
  {
    slug: "corner-shops-card-only-survey",
    section: "business",
    kicker: "High street",
    headline: "One in four corner shops now refuses cash, survey finds",
    standfirst:
      "Small retailers say card fees are easier to live with than nightly trips to a bank branch that has closed.",
    authors: ["priya-raman"],
    tags: ["Retail", "Jobs"],
    hoursAgo: 4.0,
    body: [
      "A survey of 1,200 independent shops by the fictional Association of Neighbourhood Retailers found that 26 per cent no longer take cash at all, up from 9 per cent three years ago.",
      "Owners gave the same reason again and again: the nearest bank branch has closed, and carrying the day's takings across town is slow and, some said, frightening.",
      {
        pull: "I pay more in card fees, but I sleep better.",
        by: "Harjit Sandhu, shopkeeper",
      },
      "Campaigners for older customers warned that a cash-free high street shuts out people who budget in notes and coins. The association said most members would keep a cash option if a shared banking hub opened nearby.",
      "The survey will be presented to MPs on the *fictional* Committee for Local Economies next month. The full figures are [published by the association](https://example.org/retail-survey).",
    ],
  },
  {
    slug: "late-night-libraries-pilot-extended",
    section: "uk",
    kicker: "Public services",
    headline: "Late-night libraries stay open after pilot draws students and shift workers",
    standfirst: "Three branches that opened until midnight will keep their hours for another year.",
    authors: ["amara-okonkwo"],
    tags: ["Education", "Housing"],
    hoursAgo: 11.2,
    body: [
      "Three libraries in north and east London that stayed open until midnight during a six-month trial will keep their late hours for at least another year, the borough partnership behind the scheme said on Friday.",
      "Visitor counts after nine o'clock averaged 140 a night, most of them students revising away from crowded flats and workers coming off evening shifts.",
      {
        quote:
          "My room is a bed and a kettle. Here I have a desk, a plug and quiet. I passed my exams in this building.",
        by: "Nadia Farouk, nursing student",
      },
      "The extension is paid for by moving money from weekend mornings, when the branches were quietest. Unions said staff had volunteered for the late rota and would be paid a night supplement.",
    ],
  },
  {
    slug: "harbour-robots-container-port",
    section: "technology",
    kicker: "Automation",
    headline: "Robot cranes at a North Sea port move their millionth container",
    standfirst: "Dock workers trained to supervise the machines say the job has changed more than it has shrunk.",
    authors: ["daniel-achterberg", "tomasz-wojcik"],
    tags: ["Artificial intelligence", "Trade", "Jobs"],
    hoursAgo: 22,
    hero: {
      image: "harbour-cranes",
      alt: "Illustration of three container cranes silhouetted against a sunset, with stacks of coloured containers below",
      caption: "Cranes at the fictional port of Kesterhaven are now steered from a control room.",
      credit: "Illustration: London Daily",
    },
    body: [
      "The automated cranes at the fictional port of Kesterhaven lifted their millionth container this week, eighteen months after the first of them was switched on.",
      "Each crane is now supervised from a control room on the quay, where one operator watches four machines and takes over by joystick when the software hesitates, usually in high wind.",
      { h2: "Fewer hands, different hands" },
      "The port employs 40 fewer crane drivers than before, all through retirement and redeployment, according to the operator. The union says the remaining jobs are better paid but more tiring to concentrate on.",
      {
        quote: "The machine does the lifting. We do the thinking when the wind gets up, and that is the hard part.",
        by: "Jens Aalders, crane supervisor",
      },
      { divider: true },
      "Ports in the region are watching closely. Two have ordered similar systems, and one has paused its plans after a crane dropped an empty container during a storm last winter.",
    ],
  },
  {
    slug: "community-orchestra-tube-station-concert",
    section: "culture",
    kicker: "Music",
    headline: "A community orchestra fills a disused station with Sunday music",
    standfirst: "Sixty amateur players and a thousand listeners turned a closed ticket hall into a concert room.",
    authors: ["eliot-brandt"],
    tags: ["Music", "Transport"],
    hoursAgo: 33,
    hero: {
      image: "rail-station",
      alt: "Illustration of a station's arched iron roof over railway tracks running into the distance",
      caption: "The arched roof that gave the orchestra its unlikely acoustic.",
      credit: "Illustration: London Daily",
    },
    body: [
      "The ticket hall of the fictional Harrow Lane station has not sold a ticket since 1994. On Sunday it sold a thousand, at a pound each, for an afternoon of Dvořák played by a community orchestra whose youngest member is eleven.",
      "The players rehearsed for six weeks in a church hall before moving into the station, where the curved brick roof gave the strings a long, warm echo that several listeners compared with a cathedral.",
      {
        pull: "We came for the novelty and stayed for the sound.",
        by: "Colin Murray, audience member",
      },
      "The transport authority, which owns the building, said it would consider further concerts if the orchestra can cover insurance. The players have already started a collection.",
    ],
  },
];
