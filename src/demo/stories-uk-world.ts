import type { DemoArticle } from "./demo.types.js";

// Original, clearly fictional stories for the UK and World sections of the demo newsroom.
// Every person, place-within-London, organisation and quote here is invented.

export const storiesUkWorld: DemoArticle[] = [
  {
    slug: "tallowgate-bridge-closed-corroded-cables",
    section: "uk",
    kicker: "Bridge closure",
    headline: "Tallowgate Bridge shut to traffic after inspectors find corroded cables",
    standfirst:
      "The fictional river crossing, used by 40,000 vehicles a day, will stay closed to cars and buses while engineers work out how serious the damage is.",
    authors: ["amara-okonkwo"],
    tags: ["Transport", "Housing"],
    hoursAgo: 1.5,
    hero: {
      image: "thames-dawn",
      alt: "Illustration of a river at dawn with a towered bridge and a city skyline behind it",
      caption: "Tallowgate Bridge will remain open to pedestrians and cyclists while inspections continue.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Tallowgate Bridge, the Victorian suspension crossing that links the riverside districts of Ashwick and Marrow Quay, was closed to all motor traffic at 5am today after a routine inspection found **corrosion inside two of its main cables**. Pedestrians and cyclists can still cross, but buses have been diverted and drivers face a detour of up to four miles.",
      "Engineers working for the borough council said the damage was discovered when sensors fitted during a refurbishment six years ago recorded an unusual stretch in the cables overnight. A rope-access team confirmed broken wires in the cable housing shortly before midnight.",
      { h2: "How long will it be closed?" },
      "Officials would not give a date for reopening. A full survey, including X-ray scans of the cable anchors, is expected to take at least three weeks, and repairs could take months if the cables need to be replaced rather than wrapped and strengthened.",
      {
        quote:
          "We would rather close the bridge for a week we turn out not to have needed than leave it open for a day we did. Nobody is in danger, and we intend to keep it that way.",
        by: "Helen Marsh-Ibe, chief engineer, Ashwick Borough Council",
      },
      "The council has published [a map of the diversions](https://example.org/tallowgate-diversions) and says three measures will begin tomorrow morning:",
      {
        list: [
          "a free shuttle bus every ten minutes between the two bridgeheads during rush hour",
          "extra river bus sailings from Marrow Quay pier, with fares paid by the council",
          "temporary traffic lights on the diversion route, timed to favour buses",
        ],
      },
      "Traders on the Ashwick side said the last closure, for resurfacing in 2019, cost some of them a fifth of their takings. *“People stop coming over, and some of them never come back,”* said Rafi Doolan, who runs a hardware shop at the foot of the bridge.",
    ],
  },
  {
    slug: "overnight-minor-injuries-clinic-opens",
    section: "uk",
    kicker: "Health",
    headline: "An overnight minor injuries clinic opens to ease pressure on A&E",
    standfirst:
      "Nurses at the new walk-in unit in east London will treat sprains, cuts and small burns until 6am, freeing emergency doctors for the most serious cases.",
    authors: ["siobhan-keane"],
    tags: ["Health", "Jobs"],
    hoursAgo: 5.8,
    video: true,
    body: [
      "A walk-in clinic for minor injuries that stays open through the night opened yesterday evening at the fictional Bramley Fields health centre, the first of its kind in the capital. It is staffed by specialist nurses and a single doctor, and is designed for injuries that are painful but not life-threatening.",
      "The hospital trust that runs it says roughly a third of the people who arrive at its emergency department after midnight could be treated more quickly somewhere else. Many of them, it says, simply have nowhere else to go once pharmacies and GP surgeries close.",
      { video: true },
      "In its first four hours the clinic saw 23 patients, among them a chef with a burnt hand, a cyclist with a badly sprained wrist and a toddler who had pushed a bead up her nose. None needed to be sent on to A&E.",
      "The trust has funded the unit for a year and will publish waiting times every month on [its website](https://example.org/bramley-fields-clinic). If it shortens waits at the main hospital, managers say they will ask for money to open two more.",
      "Nurses' representatives welcomed the clinic but warned that night shifts are already hard to fill. The trust says all of the new posts were taken within a fortnight of being advertised, partly because staff work four long nights followed by four days off.",
    ],
  },
  {
    slug: "aldermoor-estate-rent-to-buy-scheme",
    section: "uk",
    kicker: "Housing",
    headline: "Tenants on a south London estate offered a path to owning their homes",
    standfirst:
      "A rent-to-buy scheme on the fictional Aldermoor estate will set aside part of each month's rent towards a deposit.",
    authors: ["amara-okonkwo"],
    tags: ["Housing", "Interest rates"],
    hoursAgo: 14,
    updatedHoursAgo: 10,
    corrections: [
      {
        kind: "correction",
        text: "An earlier version of this article said the scheme covered 300 homes. It covers 180 homes; the remaining 120 on the estate are being refurbished first.",
        hoursAgo: 10,
      },
    ],
    hero: {
      image: "city-skyline",
      alt: "Illustration of a city skyline with low-rise blocks in the foreground and towers beyond",
      caption: "The Aldermoor estate was built in the 1960s and is home to about 2,000 people.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Tenants on the Aldermoor estate will be able to put a share of their rent towards buying their homes under a scheme approved by councillors last night. For every month a household pays in full, **£150 will be credited to a deposit account** that it can draw on after five years.",
      "The scheme applies to 180 homes. Tenants who decide not to buy will get half of the money back when they move out, a feature the council says is meant to stop people feeling trapped.",
      {
        quote:
          "I have paid rent on this flat for nineteen years. For the first time someone is telling me that money might add up to something.",
        by: "Josephine Adeyemi, chair, Aldermoor Tenants' Association",
      },
      "Housing campaigners were more cautious. They pointed out that even with a five-year deposit, many households on the estate would struggle to borrow enough to buy at current prices, particularly while mortgage rates remain high.",
      "The council says it will sell at a fixed discount of 30 per cent to the market value and keep the right to buy back any home that is resold within ten years, so that flats are not lost to private landlords.",
      "Applications open next month. Details are on the [council's housing pages](https://example.org/aldermoor-rent-to-buy).",
    ],
  },
  {
    slug: "night-train-returns-carrick-bay",
    section: "uk",
    kicker: "Sleeper service",
    headline: "A night train to the coast returns after fourteen years",
    standfirst:
      "The sleeper service between London and the fictional port of Carrick Bay will run four nights a week from the spring.",
    authors: ["amara-okonkwo"],
    tags: ["Transport", "Climate"],
    hoursAgo: 39,
    body: [
      "Passengers will once again be able to board a train in London at 11pm and wake up by the sea. The overnight service to Carrick Bay, withdrawn in a round of cuts fourteen years ago, is to return in April with refurbished carriages and a restaurant car.",
      "The operator says tickets will start at £45 for a reclining seat and £130 for a cabin with two berths. Demand has been driven, it says, by travellers who want to avoid short-haul flights and by people who now split their working week between the capital and the coast.",
      {
        image: "rail-station",
        alt: "Illustration of a railway station concourse with a long platform and an arched roof",
        caption: "The sleeper will leave from platform 1, which is being refitted with a new waiting lounge.",
        credit: "Illustration: London Daily",
      },
      "The carriages were bought second-hand from a continental operator and rebuilt at a depot in the Midlands. Each cabin has a washbasin, charging points and a window blind that can be set to open gradually at a chosen time.",
      {
        quote:
          "When the old train stopped, the town lost more than a timetable. Hotel owners here still talk about the Sunday morning when the last one pulled in.",
        by: "Morwenna Tregear, mayor of Carrick Bay",
      },
      "Rail unions have welcomed the return of around 60 jobs but say they want guarantees that the service will not be cut again if passenger numbers fall in its first winter. The operator has committed to running it for at least five years.",
    ],
  },
  {
    slug: "secondary-schools-later-start-trial",
    section: "uk",
    kicker: "Education",
    headline: "Twelve secondary schools will start lessons an hour later to help teenagers sleep",
    standfirst: "Researchers will compare attendance, grades and wellbeing with schools that keep the usual timetable.",
    authors: ["siobhan-keane"],
    tags: ["Education", "Health"],
    hoursAgo: 75,
    body: [
      "Pupils at twelve secondary schools in and around London will begin lessons at 9.50am instead of 8.50am from September, in a two-year trial of later start times. The schools will finish an hour later to make up the time.",
      "Sleep researchers have argued for years that the body clocks of teenagers shift later during adolescence, making early starts particularly hard. The trial, run by the fictional Institute for Adolescent Health, is one of the largest of its kind in Europe.",
      {
        pull: "We are asking teenagers to do their hardest thinking at the time their brains are least ready for it.",
        by: "Dr Naledi Forsythe",
      },
      "Dr Naledi Forsythe, who leads the study, said her team would track attendance, exam results and a weekly wellbeing questionnaire, and would fit a sample of volunteers with wristbands that record sleep. The results will be compared with twelve similar schools that keep their current hours.",
      "Not every parent is convinced. Some said a later finish would clash with after-school jobs, sports clubs and younger siblings' pick-up times. Headteachers taking part say they will keep breakfast clubs open from 8am so that families who need an early drop-off can still use one.",
      "The trial has been funded by a charitable foundation, and *no school will lose teaching time*, the organisers stressed.",
    ],
  },
  {
    slug: "flash-floods-eastbridge-drains-upgrade",
    section: "uk",
    kicker: "Flooding",
    headline: "Flash floods swamp streets in Eastbridge as drains fail in an hour of rain",
    standfirst:
      "More than 200 homes in the fictional east London district were flooded, reviving calls for a faster upgrade of the area's Victorian sewers.",
    authors: ["siobhan-keane", "amara-okonkwo"],
    tags: ["Climate", "Housing"],
    hoursAgo: 130,
    updatedHoursAgo: 120,
    corrections: [
      {
        kind: "update",
        text: "This article has been updated with the water company's figures for the number of homes affected and its response to residents.",
        hoursAgo: 120,
      },
    ],
    hero: {
      image: "rain-street",
      alt: "Illustration of a terraced street in heavy rain with water pooling across the road",
      caption: "Some streets in Eastbridge were under knee-deep water within half an hour.",
      credit: "Illustration: London Daily",
    },
    body: [
      "An intense thunderstorm dropped almost a month's rain on Eastbridge in little more than an hour yesterday evening, overwhelming drains and flooding more than 200 homes. Two underground stations were closed and a primary school will stay shut for the rest of the week while its ground floor dries out.",
      "The water company said its sewers in the area, most of them built in the 1870s, were designed for a population a fraction of today's size and for far less paved ground. Rain that once soaked into gardens now runs straight off driveways and roofs into pipes that cannot cope.",
      "Residents said it was the third time in four years their street had flooded. Many had only just finished repairs from the last storm, and several said their insurance premiums had already doubled.",
      "The company has promised to send teams to every affected home within 48 hours and to pay for clean-up where sewage entered properties. It has also brought forward work on a storage tunnel beneath Eastbridge Park, which it says will hold the equivalent of 30 Olympic swimming pools of storm water.",
      "Climate scientists say short, violent downpours of this kind are becoming more frequent in southern England as the air warms and holds more moisture. The regional forecaster, the fictional *Southern Weather Service*, issued a yellow warning only two hours before the storm broke.",
    ],
  },
  {
    slug: "hollowmere-by-election-result",
    section: "uk",
    kicker: "By-election",
    headline: "Independent candidate wins the Hollowmere by-election on a record low turnout",
    standfirst:
      "A former headteacher overturned a majority of 9,000 in the fictional constituency, but fewer than three in ten voters took part.",
    authors: ["amara-okonkwo"],
    tags: ["Elections", "Education"],
    hoursAgo: 220,
    hero: {
      image: "parliament",
      alt: "Illustration of a parliament building beside a river with a clock tower",
      caption: "The new member for Hollowmere will take her seat next week.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Margaret Oyelaran, a former headteacher standing as an independent, has won the Hollowmere by-election with a majority of 1,412 votes, overturning a majority of more than 9,000 at the last general election. The count finished shortly after 4am.",
      "Turnout was 28.6 per cent, the lowest recorded in the constituency, which covers a string of suburbs and villages on the outer edge of the capital. Polling staff said heavy rain through the afternoon kept many people at home.",
      { h2: "A campaign fought on buses and schools" },
      "Ms Oyelaran built her campaign around the closure of two bus routes and a shortage of secondary school places, issues she said the main parties had ignored. Volunteers knocked on doors for six weeks, and she refused donations larger than £500.",
      'In her victory speech she promised to hold a public meeting in every ward within three months and to publish her voting record online each Friday. "I am not here to be clever in Westminster," she said. "I am here to get the 412 bus back."',
      "The defeated parties said the result reflected local anger rather than a national shift, and pointed to the low turnout. Analysts were less sure: independents have now won three of the last seven fictional by-elections covered in the London Daily's [election tracker](https://example.org/by-election-tracker).",
    ],
  },
  {
    slug: "neighbourhood-police-return-market-towns",
    section: "uk",
    kicker: "Policing",
    headline: "Named officers return to market towns after a decade of centralised policing",
    standfirst:
      "Each of nine fictional towns on the edge of London will have its own sergeant and two constables based in a local office.",
    authors: ["amara-okonkwo"],
    tags: ["Policing", "Jobs"],
    hoursAgo: 360,
    body: [
      "Nine market towns on the outer fringe of London are to get their own neighbourhood police teams again, ten years after local stations were closed and officers were moved to a central hub. Each team will have a sergeant and two constables whose names and phone numbers will be posted in the town library.",
      "Residents' groups have long complained that officers arriving from the hub did not know the streets or the people. Response times to non-urgent calls have risen by almost half since the change, according to figures obtained by the fictional Outer Boroughs Forum.",
      "The force says the new teams will be paid for by selling the hub's spare office floors and by reducing overtime. It has promised that officers will not be pulled away from their towns to cover shortages elsewhere except in emergencies.",
      { divider: true },
      'In Wrenford, one of the nine towns, the old police station has become a café. The new team will work from two rooms above the post office instead. *"We don\'t need the blue lamp back,"* said Annie Kowalczyk, who runs the café. "We need someone who knows which kids are in trouble before they get into it."',
      "The first teams start work next month, and the force says it will publish a report on crime and response times in each town after a year.",
    ],
  },
  {
    slug: "valmora-port-reopens-after-storm",
    section: "world",
    kicker: "Shipping",
    headline: "Valmora's port reopens a week after a storm sank cranes and closed the harbour",
    standfirst:
      "Ships queuing off the fictional Mediterranean city began to unload this morning, but officials warn it will take a month to clear the backlog.",
    authors: ["tomasz-wojcik"],
    tags: ["Trade", "Climate"],
    hoursAgo: 3.2,
    hero: {
      image: "harbour-cranes",
      alt: "Illustration of container cranes at a harbour with ships moored along the quay",
      caption: "Four of Valmora's twelve container cranes were damaged when the storm struck.",
      credit: "Illustration: London Daily",
    },
    body: [
      "The port of Valmora reopened to cargo ships at dawn today, a week after a storm drove waves over the breakwater, toppled two cranes and left the harbour littered with lost containers. The first vessel to berth, carrying grain and building materials, had waited at anchor for six days.",
      "More than 40 ships had been queuing offshore, and port officials said it would take at least a month to work through the backlog with only eight cranes in action. Shipping lines have begun redirecting some cargo to smaller harbours along the coast.",
      {
        quote:
          "The breakwater was built for the storms of the last century. We have now had two of this size in three winters, and we cannot pretend the next one is far away.",
        by: "Ilaria Benvenuti, director, Port Authority of Valmora",
      },
      "Divers have spent the week recovering containers from the harbour floor and checking the quay walls for damage. No one was killed in the storm, though three dock workers were treated in hospital for injuries.",
      "Businesses in the city say the closure has already caused shortages of some imported foods and medicines. The government has promised emergency loans to firms that can show losses and has asked engineers to report within six months on raising the breakwater.",
    ],
  },
  {
    slug: "coastal-states-share-offshore-wind-farm",
    section: "world",
    kicker: "Energy deal",
    headline: "Two neighbouring coastal states agree to build and share an offshore wind farm",
    standfirst:
      "The fictional nations of Norvenia and Kessland will split the power and the cost of turbines straddling their sea border.",
    authors: ["tomasz-wojcik", "siobhan-keane"],
    tags: ["Energy", "Climate", "Diplomacy"],
    hoursAgo: 8.6,
    hero: {
      image: "wind-farm",
      alt: "Illustration of offshore wind turbines standing in a calm sea under a pale sky",
      caption: "The turbines will stand about 30 miles from both coasts.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Norvenia and Kessland, which spent much of the last century arguing over fishing rights in the strait between them, have agreed to build a wind farm on the very waters they once disputed. The 80 turbines will straddle the sea border and feed power to both countries through a shared substation.",
      "Officials said the project would produce enough electricity for about 1.2 million homes, split evenly between the two grids. Construction is due to start in three years, once seabed surveys are complete.",
      { h2: "Who pays, and who gets the power" },
      "Each government will put up half the cost, and any profits from selling surplus power to other countries will also be shared. When one country needs more electricity than its half, it will be able to buy from the other at a price fixed in advance each year.",
      "Environmental groups welcomed the deal but asked for strict limits on construction during the spring, when seabirds nest on cliffs along both coasts. Marine biologists say the turbine foundations could in time become artificial reefs, as has happened at wind farms elsewhere.",
      "Diplomats described the agreement as the most significant between the two countries in a generation. Its full text has been [published online](https://example.com/norvenia-kessland-wind-agreement) in both languages.",
    ],
  },
  {
    slug: "estravia-runoff-election-turnout",
    section: "world",
    kicker: "Estravia votes",
    headline: "Estravia holds its first presidential runoff as queues stretch into the night",
    standfirst:
      "Voters in the fictional republic are choosing between a former central banker and a regional governor.",
    authors: ["tomasz-wojcik"],
    tags: ["Elections", "Diplomacy"],
    hoursAgo: 26,
    hero: {
      image: "parliament",
      alt: "Illustration of a domed parliament building with flags on a square in front",
      caption: "The winner will be sworn in at the national assembly next month.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Polling stations across Estravia stayed open for up to three hours beyond their scheduled closing time last night, as voters queued to take part in the country's first presidential runoff. Under a constitution adopted five years ago, a candidate needs more than half of the votes to win outright.",
      "The contest is between Lucía Aranda-Voss, a former central bank governor promising to bring down inflation, and Tomás Iriarte, the governor of the northern highlands, who has campaigned on roads, schools and water supplies for rural areas.",
      {
        quote:
          "People waited four hours in the sun in some places, and I did not see a single person leave the queue. That tells you how much this vote matters to them.",
        by: "Dr Ruth Adjei-Lind, head of the regional observer mission",
      },
      "Observers said the vote had been largely orderly. Their preliminary report listed the main problems they saw:",
      {
        list: [
          "too few polling booths in fast-growing suburbs of the capital",
          "late delivery of ballot papers to some mountain districts",
          "a small number of reports of campaigning within 100 metres of polling stations",
        ],
      },
      "Early results are expected by Tuesday. Both candidates have said in advance that they will accept the outcome, a pledge that diplomats described as **unusual and welcome** in the region.",
    ],
  },
  {
    slug: "solano-shade-trees-cool-roofs-heat",
    section: "world",
    kicker: "Extreme heat",
    headline: "A city in the south plants 50,000 shade trees and paints its roofs white",
    standfirst:
      "After a deadly summer, the fictional city of Solano is trying to bring down street temperatures before the next heatwave.",
    authors: ["siobhan-keane"],
    tags: ["Climate", "Health"],
    hoursAgo: 52,
    body: [
      "Two summers ago, temperatures in Solano stayed above 40C for eleven days running and hospitals recorded hundreds of extra deaths, most of them among elderly people living alone. This year the city has begun one of the most ambitious cooling programmes anywhere in the world.",
      "Crews have planted 50,000 trees along bus routes and school streets, choosing species that cast dense shade but need little water. Owners of flat roofs are being paid to coat them with reflective white paint, which can cut the temperature of the rooms below by several degrees.",
      {
        pull: "Shade is not a luxury here any more. It is a piece of public health equipment, like an ambulance.",
        by: "Carmen Estévez-Roa",
      },
      "Carmen Estévez-Roa, the city's first chief heat officer, said the aim was to make sure every resident lived within a five-minute walk of a cool public space, whether a park, a library or an air-conditioned community centre.",
      "The city is also keeping a register of people at high risk, with volunteers who will phone or visit them daily during heatwaves. Last summer, its first trial year, the number of heat-related hospital admissions fell by about a quarter, though officials say the weather was milder too.",
    ],
  },
  {
    slug: "grain-corridor-trade-pact-signed",
    section: "world",
    kicker: "Trade pact",
    headline: "Five countries sign a pact to keep grain moving through a contested strait",
    standfirst:
      "The agreement guarantees safe passage for food shipments even if relations between the signatories break down.",
    authors: ["tomasz-wojcik"],
    tags: ["Trade", "Diplomacy"],
    hoursAgo: 98,
    hero: {
      image: "market-chart",
      alt: "Illustration of a rising and falling line chart on a screen beside a stack of papers",
      caption: "Wheat prices fell sharply after the pact was announced.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Five fictional countries around the narrow Strait of Orsova signed an agreement yesterday that commits them to keep grain and fertiliser ships moving through the channel in all circumstances, including war. Around a sixth of the region's wheat exports pass through the strait each year.",
      "The pact, negotiated over eighteen months, creates a joint inspection centre where cargoes can be checked once and then pass freely. Ships carrying food will fly a special flag and may not be stopped or searched by any navy of the signatories.",
      { h2: "Prices respond within hours" },
      "Wheat futures fell by almost 4 per cent on the news, the biggest one-day drop in two years. Traders said the risk of sudden closures had kept prices high even in years with good harvests.",
      "Aid agencies said the deal could make bread cheaper in import-dependent countries across the region, where families spend a large share of their income on food. Sceptics noted that the pact has no enforcement body, relying instead on the reputations of the countries that signed it.",
      "The agreement will come into force once all five parliaments have approved it, which diplomats expect before the next harvest.",
    ],
  },
  {
    slug: "small-nation-launches-weather-satellite",
    section: "world",
    kicker: "Space",
    headline: "A small island nation launches its first weather satellite",
    standfirst:
      "The fictional republic of Ondara hopes its own eye in orbit will give fishing fleets earlier warning of cyclones.",
    authors: ["siobhan-keane"],
    tags: ["Space", "Climate"],
    hoursAgo: 170,
    body: [
      "A satellite about the size of a shoebox, built largely by students at the University of Ondara, reached orbit this morning aboard a commercial rocket, making the island republic one of the smallest countries to operate its own weather satellite.",
      "The craft carries a camera and an instrument that measures sea-surface temperature, which forecasters use to predict where tropical storms will grow. Until now Ondara's forecasters have relied on images shared by larger countries, often several hours old by the time they arrive.",
      {
        quote:
          "Three hours is the difference between a fishing boat getting home and not getting home. That is what this satellite is really for.",
        by: "Kalani Moeroa, director, Ondara Meteorological Office",
      },
      "The project cost about the same as a new secondary school, paid for by a climate adaptation fund and a loan from a regional development bank. The university says it has already trained 40 engineers, several of whom have been offered jobs abroad.",
      "Ground controllers made first contact with the satellite ninety minutes after launch. Its first images are expected within a week, and the government says it will publish them freely for neighbouring islands to use.",
    ],
  },
  {
    slug: "cross-border-student-exchange-doubles",
    section: "world",
    kicker: "Education",
    headline: "Two former rivals double a student exchange to 10,000 places a year",
    standfirst:
      "Universities in the fictional states of Marevia and Tolst say the scheme has quietly become their most successful piece of diplomacy.",
    authors: ["tomasz-wojcik"],
    tags: ["Education", "Diplomacy"],
    hoursAgo: 290,
    body: [
      "When Marevia and Tolst launched a student exchange a decade ago, the first year attracted 300 applicants and a good deal of suspicion on both sides of the border. This week the two governments agreed to double it to 10,000 places a year, with free tuition and a monthly living allowance.",
      "Students spend one year of their degree at a university in the other country and are taught in its language, after a three-month intensive course. Almost a fifth of past participants have since taken jobs across the border, according to figures from the programme's organisers.",
      "Officials in both capitals now describe the scheme as a cornerstone of relations that were frosty for most of the last century. Alumni of the programme include two junior ministers and the editor of a bilingual newspaper founded by exchange students in 2019.",
      "Critics say the allowance is too small for students from poorer families, and that places are concentrated in the largest cities. The new agreement adds an extra grant for applicants from rural areas and opens the scheme to vocational colleges for the first time.",
      "Applications for next year open in January on [the programme's website](https://example.org/marevia-tolst-exchange).",
    ],
  },
];
