import type { DemoArticle } from "./demo.types.js";

// UK and World. Invented people, places, companies and events, written for the London Daily demo.

export const demoArticles1: DemoArticle[] = [
  // ── UK ────────────────────────────────────────────────────────────────
  {
    slug: "northfleet-bridge-closed-after-cracks-found",
    section: "uk",
    kicker: "Northfleet Bridge",
    headline: "Northfleet Bridge closed indefinitely after engineers find cracks in its main span",
    standfirst:
      "The crossing carries 90,000 journeys a day. Buses are being diverted, extra trains added and an emergency ferry is promised within a week.",
    authors: ["nadia-haddad", "oliver-fairweather"],
    tags: ["Transport", "Infrastructure", "Local government"],
    hoursAgo: 1.5,
    updatedHoursAgo: 0.6,
    video: true,
    hero: {
      image: "thames-dawn",
      alt: "Illustration of a river at dawn under an orange sky, a long low bridge with shallow arches crossing it and a dark city skyline behind",
      caption:
        "The Northfleet Bridge, which links the east London riverside with the south bank, is closed to traffic and pedestrians.",
      credit: "Illustration: London Daily",
    },
    body: [
      "The Northfleet Bridge, one of the busiest river crossings in east London, was closed to all traffic and pedestrians in the early hours after a routine inspection found cracks in the steel beneath its main span.",
      "Engineers from the bridge's owner, the fictional Thames Crossings Authority, said the fractures were “significant but stable” and that there was no immediate risk of collapse. They could not say when the bridge would reopen, and warned that a full repair could take **at least six months**.",
      { h2: "What the engineers found" },
      "The cracks were spotted by an inspection team using a camera drone during an overnight check that had been scheduled for months. They run along two welded joints where the deck meets the central pier, a part of the structure that was strengthened in 1998 and last examined in detail four years ago.",
      {
        quote:
          "We closed it because that is what the evidence told us to do. I would rather explain a traffic jam than explain why we waited.",
        by: "Helen Marsh, chief engineer, Thames Crossings Authority",
      },
      { h2: "Getting around" },
      {
        list: [
          "Bus routes R4, R9 and the night bus N9 are diverted through the Wharfside tunnel, adding about 25 minutes",
          "Trains between Riverside Parade and the City will run every eight minutes instead of every fifteen",
          "An emergency foot ferry between the two bridge landings is promised within a week",
          "Bikes can be taken on all trains free of charge until further notice",
        ],
      },
      {
        image: "rail-station",
        alt: "Illustration of a pale grey station under curved iron roof ribs, with railway tracks running away into the distance",
        caption: "Extra trains will call at Riverside Parade station while the bridge is shut.",
        credit: "Illustration: London Daily",
      },
      "City Hall said it would ask the government for emergency funding to cover the repair and the cost of the diversions. Traders on both sides of the river warned that a long closure would hit shops and cafés that depend on people walking across, and asked for business rates to be suspended while the bridge is shut.",
    ],
    corrections: [
      {
        kind: "update",
        text: "This article was updated with the confirmed bus diversions and the authority's timetable for an emergency ferry.",
        hoursAgo: 0.6,
      },
    ],
  },
  {
    slug: "rent-register-pilot-three-boroughs",
    section: "uk",
    kicker: "Housing",
    headline: "Every private rent in three boroughs to be published on an open register",
    standfirst:
      "Tenants will be able to see what the last household paid before they sign, under a two-year pilot starting in the spring.",
    authors: ["oliver-fairweather"],
    tags: ["Housing", "Local government", "Cost of living"],
    hoursAgo: 4.2,
    hero: {
      image: "city-skyline",
      alt: "Illustration of a city skyline at night, dark towers dotted with warm lit windows under a starry sky and a full moon",
      caption: "Private renters make up about a third of households in the three pilot boroughs.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Landlords in three London boroughs will have to record the rent they charge for every home on a public register from the spring, in a pilot that supporters say will make it harder to push up prices between tenancies.",
      "The register will show the monthly rent, the number of bedrooms and the date each tenancy began, but not the name of the tenant. Landlords who fail to register face fines of up to £5,000, and councils will be able to refuse licences to repeat offenders.",
      { h2: "Why it matters" },
      "Rents on new lets in the capital have risen far faster than those paid by sitting tenants, partly because people moving in rarely know what the previous household paid. Campaigners argue that a single public number gives tenants the confidence to negotiate.",
      {
        quote:
          "At the moment the only person who knows the real price of a flat is the person renting it to you. We want to change that.",
        by: "Joanna Pryce, cabinet member for housing in one of the pilot boroughs",
      },
      { h2: "The landlords' view" },
      "Landlord groups said they were not opposed to openness but warned that a register alone would not add a single home. “Publishing numbers is the easy part,” said Martin Oduya of the fictional Small Landlords' Association. “Building enough homes is the hard part, and nobody is publishing a plan for that.”",
      "The pilot will be assessed by an independent panel after two years. Its findings, and the register itself, will be published at [example.org/rent-register](https://example.org/rent-register).",
    ],
  },
  {
    slug: "storm-hollis-flood-warnings-riverside-streets",
    section: "uk",
    kicker: "Weather",
    headline: "Flood warnings for riverside streets as Storm Hollis brings a month's rain in two days",
    standfirst:
      "The heaviest rain is expected overnight, at high tide. Sandbags are being handed out in low-lying streets and two stations may close.",
    authors: ["nadia-haddad"],
    tags: ["Climate", "Transport", "Local government"],
    hoursAgo: 8.7,
    hero: {
      image: "rain-street",
      alt: "Illustration of a rainy street at night: four people under red, orange, teal and blue umbrellas walk past tall buildings with lit windows",
      caption: "The rain is expected to peak overnight, coinciding with a high tide.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Flood warnings were issued for more than forty riverside streets across London and the south-east as Storm Hollis moved in from the Atlantic, bringing gusts of up to 70mph and as much rain in two days as normally falls in a month.",
      "Forecasters said the heaviest downpours were expected overnight, at the same time as a high tide. Councils in four boroughs opened sandbag depots, and the transport network warned that two stations on low ground could close at short notice if drains were overwhelmed.",
      {
        quote:
          "The ground is already saturated after a wet autumn, so this rain has nowhere to go. It is the combination of the tide and the downpours that worries us.",
        by: "Ruth Ellery, flood duty manager at the regional environment agency",
      },
      "Residents of the most exposed streets, including the fictional Millpond Terrace in the south-east of the capital, were advised to move valuables upstairs and to check on elderly neighbours.",
      {
        list: [
          "Sign up for free flood alerts by text or email",
          "Keep a torch, a phone charger and any medicines together in one bag",
          "Never walk or drive through flood water: 30cm is enough to float a car",
          "Report blocked drains to your council so crews can clear them before the peak",
        ],
      },
      "Climate scientists say storms of this kind are becoming wetter as the atmosphere warms, and the capital's Victorian drains were never designed for such intense bursts. A long-term plan to add green roofs and rain gardens across the city is due next year.",
    ],
  },
  {
    slug: "evening-gp-clinics-trial-east-london",
    section: "uk",
    kicker: "Health",
    headline: "GP surgeries to open until nine at night in a trial aimed at shift workers",
    standfirst:
      "Twelve practices in east London will offer evening appointments for a year, staffed by doctors who want to work later hours.",
    authors: ["oliver-fairweather"],
    tags: ["Health", "Jobs"],
    hoursAgo: 14,
    body: [
      "Twelve GP surgeries in east London will stay open until 9pm on weekdays from next month, in a year-long trial designed for people who cannot see a doctor during working hours.",
      "The practices will share a rota of doctors, nurses and pharmacists who have volunteered to work later shifts, many of them parents who prefer to start in the afternoon. Patients registered at any of the twelve surgeries will be able to book an evening slot online or by phone.",
      "“Our patients drive buses, clean offices and work in hospitals themselves,” said Dr Anjali Mehra, a GP and one of the trial's organisers. “Telling them to ring at eight in the morning for a same-day appointment was never going to work.”",
      "The trial will cost about £1.4m and is paid for from a health service budget for easing pressure on emergency departments. Researchers will compare attendances at two nearby A&E units before and after the clinics open.",
      "Patient groups welcomed the scheme but said evening appointments must not come at the expense of daytime ones, particularly for older people who prefer not to travel after dark.",
    ],
  },
  {
    slug: "a-year-without-phones-kestrel-hill-academy",
    section: "uk",
    kicker: "Education",
    headline: "A year without phones: what one secondary school says it learned",
    standfirst:
      "Pupils at Kestrel Hill Academy lock their phones in pouches at the gate. Teachers report calmer corridors; pupils are more divided.",
    authors: ["oliver-fairweather"],
    tags: ["Education", "Health"],
    hoursAgo: 38,
    body: [
      "When Kestrel Hill Academy in north London told its 1,100 pupils that their phones would be locked in fabric pouches from the moment they arrived until the final bell, some parents predicted a revolt. A year on, the school has published its own review of what changed.",
      { h2: "Calmer corridors" },
      "Teachers recorded 40 per cent fewer incidents of bullying and a sharp drop in fights that had begun online the night before. Lunchtimes, the review says, became noisier in a good way: the school sold out of table-tennis balls twice in the first term.",
      {
        pull: "For the first month they didn't know what to do with their hands. Now the library is full at lunch.",
        by: "Sean Gallagher, deputy head",
      },
      { h2: "The pupils' verdict" },
      "A survey of sixth-formers found that most supported the policy for younger year groups but thought it should be relaxed for them. Several said they felt less able to reach parents who work irregular hours, and a few admitted to carrying a second, cheaper phone.",
      { h3: "What happens next" },
      "The school will keep the pouches but allow older pupils to use their phones in a supervised common room. Its full review is available at [example.org/kestrel-hill-review](https://example.org/kestrel-hill-review).",
    ],
  },
  {
    slug: "mps-back-council-powers-short-term-lets",
    section: "uk",
    kicker: "Housing",
    headline: "MPs back new powers for councils to cap short-term holiday lets",
    standfirst:
      "Homes let to tourists for more than 90 nights a year would need planning permission, under a bill that cleared the Commons by 312 votes to 204.",
    authors: ["oliver-fairweather"],
    tags: ["Housing", "Local government"],
    hoursAgo: 90,
    updatedHoursAgo: 70,
    hero: {
      image: "parliament",
      alt: "Illustration of a Gothic parliament building with a tall clock tower, silhouetted against a pink and purple evening sky",
      caption: "The bill now moves to its committee stage, where amendments on fines are expected.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Councils would be able to cap the number of homes let to tourists in their areas under a bill that passed its second reading in the Commons by 312 votes to 204, with support from members on both sides of the house.",
      "The bill would require planning permission for any home let on a short-term basis for more than 90 nights a year, a limit that already exists in London but is widely ignored. It would also create a national register, so that councils could see which properties were being let and for how long.",
      "Caroline Ashdown, the backbench MP who introduced the bill, told the house that in some streets in her constituency “one front door in five has a key safe on it”, and that families who had lived there for generations could no longer find anywhere to rent.",
      "Opponents argued that holiday lets support local jobs in cleaning, maintenance and tourism, and that a register would impose costs on people who let a spare room for a few weeks a year. Ministers said rooms in an owner's own home would be exempt.",
      "The bill now goes to committee. If it becomes law, the first councils could use the powers within eighteen months.",
    ],
    corrections: [
      {
        kind: "correction",
        text: "An earlier version of this article gave the result of the vote as 312 to 240. The bill passed by 312 votes to 204.",
        hoursAgo: 70,
      },
    ],
  },
  {
    slug: "canal-towpath-widened-for-cyclists-and-walkers",
    section: "uk",
    kicker: "Transport",
    headline: "A crowded canal towpath is to be widened so cyclists and walkers stop colliding",
    standfirst:
      "A four-mile stretch will get a separate cycle lane on a new boardwalk, after complaints rose fivefold in three years.",
    authors: ["nadia-haddad"],
    tags: ["Cycling", "Transport", "Cities"],
    hoursAgo: 130,
    body: [
      "A four-mile stretch of canal towpath in north-east London, which has become one of the busiest cycle commutes in the city, is to be widened with a new boardwalk so that cyclists and walkers no longer have to share a path barely two metres across.",
      "Complaints about collisions on the stretch rose fivefold in three years, according to the canal trust that manages it. Most involved bikes overtaking walkers or anglers on blind bends beneath the old bridges.",
      "“The towpath was built for horses pulling barges at walking pace,” said Tobias Ng, the trust's regional director. “It was never meant to carry 6,000 bikes a day.”",
      {
        image: "thames-dawn",
        alt: "Illustration of calm water at dawn reflecting an orange sky, with a low arched bridge and a dark skyline on the horizon",
        caption: "The city's waterways have quietly become some of its busiest commuter routes.",
        credit: "Illustration: London Daily",
      },
      "The £9m scheme will be paid for jointly by City Hall and the trust. Work will be done in sections over two winters, when the path is quietest, and cyclists will be diverted onto nearby streets with temporary lanes.",
      "Walking groups welcomed the plans but asked for a lower speed limit on the cycle lane. The trust said it would consider a 10mph advisory limit and more *slow* markings on the approaches to bridges.",
    ],
  },
  {
    slug: "eastmoor-and-wick-by-election-independent-wins",
    section: "uk",
    kicker: "Elections",
    headline: "Retired bus driver wins the Eastmoor and Wick by-election on a campaign about buses",
    standfirst:
      "Standing as an independent for the first time, Patrick Oyelaran took the seat with a majority of 2,300 on a turnout of 41 per cent.",
    authors: ["oliver-fairweather", "nadia-haddad"],
    tags: ["Elections", "Transport", "Housing"],
    hoursAgo: 210,
    hero: {
      image: "parliament",
      alt: "Illustration of a long parliament building with rows of pointed pinnacles and a clock tower against a dusky pink sky",
      caption: "The new member will take his seat after the recess.",
      credit: "Illustration: London Daily",
    },
    body: [
      "A retired bus driver standing as an independent has won the Eastmoor and Wick by-election, overturning a majority of more than 9,000 on a campaign built almost entirely around the withdrawal of two local bus routes.",
      "Patrick Oyelaran, 64, took 38 per cent of the vote, ahead of the candidates of both main parties. Turnout was 41 per cent, higher than at most by-elections in recent years.",
      {
        quote:
          "People told me politics doesn't change anything. I told them it might bring back the 212. That turned out to be enough.",
        by: "Patrick Oyelaran, in his victory speech",
      },
      "His campaign cost less than £20,000, raised mostly in small donations at the bus stops where he spent the summer handing out leaflets. He has promised to hold a public surgery on a bus every month.",
      "Analysts cautioned against reading too much into a single result, but said it showed how local grievances over transport and housing could cut across national loyalties.",
    ],
  },

  // ── World ─────────────────────────────────────────────────────────────
  {
    slug: "sarava-river-nations-share-flood-data",
    section: "world",
    kicker: "Climate",
    headline: "Five river nations agree to share flood data in real time",
    standfirst:
      "Gauges along the fictional Sarava river will feed a single warning system, giving villages downstream up to three days' notice.",
    authors: ["rosa-delgado"],
    tags: ["Climate", "Diplomacy"],
    hoursAgo: 3.4,
    body: [
      "Five countries along the fictional Sarava river have signed an agreement to share water-level readings in real time, ending decades in which upstream states treated flood data as a matter of national security.",
      "Under the deal, more than 600 gauges will feed a single warning system run from a joint centre at the river's mouth. Hydrologists say that could give villages in the delta up to three days' notice of a flood, rather than a few hours.",
      "“Water does not stop at a border, and neither should the warning,” said Dr Leila Farouk, who chaired the technical talks. “This will save lives in places that have never had a say in how the river is managed.”",
      "The agreement was reached after a season of unusually severe floods in which more than a million people were displaced. Negotiators credited the pressure of that disaster, and money from international lenders to pay for new gauges, with breaking the deadlock.",
      "Sticking points remain. The treaty does not cover the dams that two upstream states plan to build, and downstream countries want a say in how much water is released during the dry season.",
    ],
  },
  {
    slug: "varesia-presidential-run-off-record-turnout",
    section: "world",
    kicker: "Varesia",
    headline: "Varesia votes in a presidential run-off with turnout on course for a record",
    standfirst:
      "A former judge and a two-term mayor are neck and neck in a contest dominated by corruption and the price of bread.",
    authors: ["rosa-delgado"],
    tags: ["Elections", "Diplomacy", "Cost of living"],
    hoursAgo: 6.8,
    hero: {
      image: "parliament",
      alt: "Illustration of a grand Gothic assembly building with a clock tower, dark against a pink and violet dusk sky",
      caption: "Whoever wins will need the support of a divided parliament to pass a budget.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Voters in Varesia queued from before dawn to choose a new president in a run-off that electoral officials say is on course for the highest turnout since the country's first free election thirty years ago.",
      "The contest pits Ilinca Moraru, a former supreme court judge who has built her campaign around a promise to clean up public contracts, against Stefan Varga, the two-term mayor of the capital, who has pledged to cut taxes on food and fuel.",
      { h2: "A country in a hurry" },
      "Both candidates have courted younger voters, many of whom have moved abroad for work. Polling stations were opened in twenty-six foreign cities, and several reported queues stretching around the block.",
      "“My parents voted for stability,” said Mirela Stan, a 34-year-old nurse, outside a school in the capital. “I am voting so that my children have a reason to come back.”",
      { h2: "What happens next" },
      "Preliminary results are expected overnight. International observers, who described the first round as *orderly but underfunded*, will publish their assessment within two days.",
    ],
  },
  {
    slug: "calvera-dock-strike-ships-waiting",
    section: "world",
    kicker: "Trade",
    headline: "A dock strike at Calvera leaves 80 ships waiting and supermarkets short of fruit",
    standfirst:
      "Dockworkers at one of the Mediterranean's busiest container ports have walked out over automation. The effects are being felt as far away as London.",
    authors: ["rosa-delgado"],
    tags: ["Trade", "Jobs"],
    hoursAgo: 19,
    video: true,
    hero: {
      image: "harbour-cranes",
      alt: "Illustration of three container cranes silhouetted against an orange sunset, above a row of red, yellow, blue and green containers and dark water",
      caption: "Cranes stand idle at Calvera as the strike enters its second week.",
      credit: "Illustration: London Daily",
    },
    body: [
      "More than eighty container ships were anchored off the port of Calvera, with more arriving every day, as a strike by dockworkers entered its second week with no sign of talks.",
      "The walkout was called after the port's operator announced plans to replace crane drivers with remotely controlled systems over five years. The union says 1,400 jobs are at risk; the operator says no one will be made redundant and that staff will be retrained.",
      {
        quote:
          "They tell us the cranes will be driven from an office. They don't tell us whose office, or in which country.",
        by: "Marco Ferrante, a crane driver for nineteen years",
      },
      "Shipping analysts said the delays were adding about a week to deliveries between Asia and northern Europe, because vessels bound for other ports were caught in the queue. British importers of citrus fruit and cut flowers reported the first shortages.",
      "The operator said it remained open to talks through a government mediator but would not withdraw the automation plan as a condition. The union has called a rally in the city for the weekend.",
    ],
  },
  {
    slug: "almadera-plants-trees-to-beat-summer-heat",
    section: "world",
    kicker: "Climate",
    headline: "A southern city plants 100,000 trees in a race against summer heat",
    standfirst:
      "After three summers above 45C, Almadera is turning car parks into shade. Early results suggest the streets are already cooler.",
    authors: ["rosa-delgado"],
    tags: ["Climate", "Cities", "Health"],
    hoursAgo: 44,
    hero: {
      image: "city-skyline",
      alt: "Illustration of a city at night under a full moon, its towers scattered with warm lit windows",
      caption: "Almadera's streets hold the day's heat long after dark.",
      credit: "Illustration: London Daily",
    },
    body: [
      "The city of Almadera has planted its 100,000th tree, two years ahead of a schedule set after a heatwave in which temperatures in the old town passed 45C on eleven consecutive days.",
      "The trees have gone in along bus routes, in school playgrounds and, most controversially, in car parks, where 4,000 spaces have been removed. Sensors on lamp posts show that pavements in the planted streets are now up to 8C cooler on summer afternoons.",
      {
        pull: "Shade is not a luxury here. It is the difference between an old man walking to the shops and staying indoors for three months.",
        by: "Carmen Ibarra, Almadera's head of urban ecology",
      },
      "The programme has not been universally popular. Shopkeepers in the centre complained that the loss of parking cost them trade, and some residents objected to the leaves and the pollen. The city now runs a free weekly collection of fallen leaves in autumn.",
      "Other cities are watching. Delegations from twelve countries have visited this year, and the city publishes its planting maps and temperature readings openly at [example.org/almadera-shade](https://example.org/almadera-shade).",
    ],
  },
  {
    slug: "north-sea-countries-agree-shared-offshore-grid",
    section: "world",
    kicker: "Energy",
    headline: "Five countries agree to link their offshore wind farms into one North Sea grid",
    standfirst:
      "A shared network of undersea cables would let power flow to wherever the wind is not blowing. The first link is due within six years.",
    authors: ["rosa-delgado", "mei-lin-zhou"],
    tags: ["Energy", "Climate", "Diplomacy"],
    hoursAgo: 75,
    hero: {
      image: "wind-farm",
      alt: "Illustration of white wind turbines in a line across a calm blue sea under a pale sky, growing smaller towards the horizon",
      caption: "Most offshore wind farms today send their power to a single country's coast.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Five countries bordering the North Sea have agreed to connect their offshore wind farms through a shared network of undersea cables, in what energy ministers described as the largest cross-border power project in Europe.",
      "At present most offshore farms send their electricity along a single cable to their own country's coast. The new network would let power flow to wherever demand is highest, so that a calm day off one coast could be covered by a windy one off another.",
      { h2: "Who pays" },
      "The first phase, linking farms off two coasts through a hub on an artificial island, is expected to cost about €12bn. Costs will be shared according to how much each country expects to benefit, a formula that took negotiators eighteen months to settle.",
      {
        pull: "The wind is always blowing somewhere in the North Sea. Until now we have built separate islands; this joins them into a continent.",
        by: "Anneke de Vries, who led the talks",
      },
      { h2: "The risks" },
      "Engineers warn that undersea cables are vulnerable to anchors and fishing gear, and security officials have raised concerns about sabotage. The agreement includes a joint patrol and repair fund, the details of which have not been published.",
    ],
  },
  {
    slug: "sarn-pass-rail-tunnel-breakthrough",
    section: "world",
    kicker: "Transport",
    headline: "Tunnellers break through under the Sarn Pass after eleven years of digging",
    standfirst:
      "The 38-mile rail tunnel will cut freight journeys across the mountains by half a day and take a million lorries a year off the pass.",
    authors: ["nadia-haddad"],
    tags: ["Transport", "Infrastructure", "Trade"],
    hoursAgo: 115,
    hero: {
      image: "rail-station",
      alt: "Illustration of a pale grey railway station with curved iron roof ribs arching over tracks that run into the distance",
      caption: "Passenger trains will share the route with freight when the tunnel opens.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Tunnellers working from opposite sides of the Sarn mountains have met in the middle, 1,800 metres below the summit, completing the excavation of what will be one of the longest rail tunnels in the world.",
      "The two boring machines, which set off from either end eleven years ago, were aligned to within four centimetres when they met. Workers from both sides, many of whom have spent most of a decade underground, shook hands through the gap as their families watched on a live feed.",
      {
        quote:
          "You spend years listening to a machine you cannot see getting closer. When the wall finally cracks and there is light on the other side, nobody says anything for a minute.",
        by: "Jonas Keller, a shift supervisor since the first day",
      },
      "The tunnel is designed mainly for freight and is expected to carry up to 260 trains a day. Its backers say it will take about a million lorries a year off the winding road over the pass, where pollution and accidents have long angered villagers.",
      "Fitting out the tunnel with track, signals and ventilation will take another four years. The project has cost more than twice its original budget, which critics say should be a warning to anyone planning the next one.",
    ],
  },
  {
    slug: "tavora-single-use-plastics-ban-one-year-on",
    section: "world",
    kicker: "Environment",
    headline: "A year after banning single-use plastics, a lake nation counts the results",
    standfirst: "Litter on the shoreline has halved, but smuggled bags are still sold openly in border markets.",
    authors: ["rosa-delgado"],
    tags: ["Climate", "Retail"],
    hoursAgo: 170,
    body: [
      "A year after the small republic of Tavora banned single-use plastic bags, cutlery and food boxes, a survey of its lake shore has found half as much litter as before, and fishermen report fewer nets fouled by plastic.",
      "The ban was introduced with a year's notice and a fund to help street-food sellers switch to leaf wraps and returnable tins. Most market traders say they have adapted, and some have turned reusable bags into a small export business.",
      "“At first customers complained,” said Esther Wanjiku, who sells fried fish at the central market. “Now they bring their own tins, and some of them decorate them. It has become a kind of fashion.”",
      "The picture is less clear near the borders, where inspectors say smuggled bags are still sold openly. The government has doubled fines for traders but admits that enforcement in remote markets is patchy.",
      "Neighbouring countries that share the lake are considering similar laws. A regional conference on the lake's health is due to meet in the spring.",
    ],
  },
  {
    slug: "thirty-one-countries-back-deep-sea-mining-pause",
    section: "world",
    kicker: "Oceans",
    headline: "Thirty-one countries back a pause on deep-sea mining until the science is in",
    standfirst:
      "The declaration is not binding, but supporters say it will make it harder for companies to win licences to mine the seabed.",
    authors: ["rosa-delgado"],
    tags: ["Diplomacy", "Climate", "Energy"],
    hoursAgo: 260,
    body: [
      "Thirty-one countries have signed a declaration calling for a pause on mining the deep seabed until scientists can say with confidence what damage it would do, at the end of a week of talks in the fictional island capital of Port Amaro.",
      "Companies want to collect metal-rich nodules from the ocean floor, arguing that they could supply the cobalt and nickel needed for electric-car batteries. Marine biologists say the areas involved are among the least understood on Earth, and that disturbed sediment could smother life for hundreds of miles.",
      "“We have better maps of the Moon than of the floor of this ocean,” said Professor Tomasi Leota, a marine biologist who advised the island delegations. “It would be strange to start digging it up before we know what is down there.”",
      "The declaration is not binding, and several of the countries most interested in mining did not sign. But supporters said it would make it politically harder for the international body that issues licences to approve the first commercial operation.",
      "A mining consortium said it was disappointed and that its own studies showed the impact could be managed. It has asked for a decision on its licence within two years.",
    ],
  },
];
