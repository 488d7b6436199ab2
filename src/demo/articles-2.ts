import type { DemoArticle } from "./demo.types.js";

// Business and Technology. Invented people, places, companies and events, written for the London Daily demo.

export const demoArticles2: DemoArticle[] = [
  // ── Business ──────────────────────────────────────────────────────────
  {
    slug: "lenders-cut-fixed-mortgage-rates",
    section: "business",
    kicker: "Mortgages",
    headline: "Lenders cut fixed mortgage rates ahead of an expected fall in borrowing costs",
    standfirst:
      "Three of the biggest lenders have trimmed their two-year deals, the clearest sign yet that the market expects the central bank to act next month.",
    authors: ["mei-lin-zhou"],
    tags: ["Interest rates", "Housing", "Cost of living"],
    hoursAgo: 2.3,
    hero: {
      image: "market-chart",
      alt: "Illustration of a dark chart grid with a teal line and a red line climbing unevenly from left to right over faint vertical bars",
      caption: "Swap rates, which lenders use to price fixed mortgages, have fallen for six weeks in a row.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Three of the country's largest mortgage lenders have cut the rates on their fixed deals, in the clearest sign yet that the market expects the central bank to lower borrowing costs when its committee meets next month.",
      "The average two-year fixed rate for a borrower with a 25 per cent deposit fell to 4.1 per cent, according to the fictional brokerage Keystone Mortgages, down from 4.6 per cent in the spring. Five-year deals fell by less.",
      { h2: "Who benefits" },
      "About 1.5 million households are due to come off fixed deals over the next year, most of them taken out when rates were far lower. For them the cuts will soften, not remove, the jump in monthly payments: a typical borrower remortgaging a £200,000 loan will still pay about £180 a month more than before.",
      {
        quote:
          "This is good news, but people shouldn't mistake it for a return to the old days. Anyone coming off a deal they fixed five years ago will still feel it.",
        by: "Naomi Carver, head of research at Keystone Mortgages",
      },
      { h2: "What the central bank is watching" },
      "Inflation has fallen for four months in a row but remains above target, driven largely by the cost of services such as rents, insurance and eating out. Economists are divided on whether the committee will cut by a quarter of a point or wait until the new year.",
    ],
  },
  {
    slug: "harwood-and-lyle-to-close-fourteen-stores",
    section: "business",
    kicker: "Retail",
    headline: "Department store chain Harwood & Lyle to close fourteen shops, putting 900 jobs at risk",
    standfirst:
      "The 140-year-old retailer will keep its flagship and eight regional stores, and move more of its business online.",
    authors: ["mei-lin-zhou"],
    tags: ["Retail", "Jobs", "Cities"],
    hoursAgo: 9.6,
    hero: {
      image: "rain-street",
      alt: "Illustration of shoppers under red, orange, teal and blue umbrellas walking along a wet street at night, tall buildings with lit windows behind them",
      caption: "The chain says sales in its shops have fallen by a fifth in five years.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Harwood & Lyle, the department store chain founded in 1885, will close fourteen of its twenty-three shops over the next year, putting about 900 jobs at risk.",
      "The company said sales in its stores had fallen by a fifth in five years while online orders had doubled. It will keep its flagship in central London and eight regional shops, which will be refitted with smaller sales floors and more room for cafés, repairs and collection points.",
      {
        quote:
          "We are not leaving the high street. We are leaving buildings that were designed for a way of shopping that has gone.",
        by: "Eleanor Whitcombe, chief executive of Harwood & Lyle",
      },
      "Staff at the closing stores will be offered jobs in the remaining shops or at the distribution centre where possible. A shop workers' union said it would seek urgent talks and called for councils to be given first refusal on the empty buildings.",
      "Several of the stores are the largest buildings in their town centres. Planning experts said the closures would test councils' ability to find new uses, from housing and health centres to libraries, before the buildings fall into disrepair.",
    ],
  },
  {
    slug: "brinecell-salt-battery-start-up-raises-40m",
    section: "business",
    kicker: "Energy",
    headline: "A battery start-up that stores wind power in salt water raises £40m",
    standfirst:
      "Brinecell, founded by two engineers in a rented garage, will build its first factory on the site of a former steelworks in Sheffield.",
    authors: ["mei-lin-zhou"],
    tags: ["Energy", "Jobs", "Climate"],
    hoursAgo: 26,
    body: [
      "Brinecell, a start-up that makes large batteries from salt water and iron rather than lithium, has raised £40m from investors to build its first factory on the site of a former steelworks in Sheffield.",
      "The company's batteries are heavier and bulkier than the lithium cells used in phones and cars, but they are cheaper, do not catch fire and are made from materials that are easy to source. They are designed to sit beside wind and solar farms, storing power when it is plentiful and releasing it when it is not.",
      {
        image: "wind-farm",
        alt: "Illustration of a line of white wind turbines rising from a calm blue sea under a pale sky",
        caption:
          "Batteries that store wind power for calm days are one of the fastest-growing parts of the energy industry.",
        credit: "Illustration: London Daily",
      },
      "Its co-founders, Dr Imogen Pell and Rashid Kareem, started the business four years ago after meeting at university. The new factory is expected to employ 300 people by the end of its second year, many of them recruited through a local engineering college.",
      "Investors said the funding round had been *heavily oversubscribed*, reflecting growing interest in storage as more of the country's electricity comes from the weather. The company hopes to deliver its first commercial batteries to a wind farm next year.",
    ],
  },
  {
    slug: "food-inflation-lowest-in-three-years",
    section: "business",
    kicker: "Economy",
    headline: "Food inflation falls to its lowest in three years, but bread and coffee buck the trend",
    standfirst:
      "Prices in the shops are still rising, just more slowly. A poor harvest and shortages far from home explain most of the exceptions.",
    authors: ["mei-lin-zhou"],
    tags: ["Interest rates", "Retail", "Cost of living"],
    hoursAgo: 52,
    hero: {
      image: "market-chart",
      alt: "Illustration of two jagged lines, one teal and one red, rising across a dark grid",
      caption: "Food inflation has slowed for seven months in a row.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Food prices rose by 2.8 per cent in the year to last month, the slowest rate in three years, according to official figures, bringing some relief to households after a long squeeze on budgets.",
      "The fall was driven largely by cheaper dairy, vegetables and cooking oils, which have come down from record highs. Economists cautioned that slower inflation means prices are rising less quickly, not that they are falling.",
      {
        list: [
          "Milk and cheese: down 3 per cent on a year ago",
          "Fresh vegetables: up 1 per cent",
          "Bread and cereals: up 6 per cent, after a poor wheat harvest",
          "Coffee: up 14 per cent, the biggest rise of any item",
          "Chocolate: up 11 per cent",
        ],
      },
      "The exceptions reflect problems far from British supermarket shelves. Drought in coffee-growing regions and disease in cocoa plantations have pushed global prices to records, and a weaker pound has made imports dearer.",
      "For the central bank the figures are a mixed signal. Slower food inflation will help bring the headline rate closer to target, but officials are more worried about wages and the price of services, which have proved stubborn.",
    ],
  },
  {
    slug: "shared-banking-hubs-replace-closed-branches",
    section: "business",
    kicker: "Banking",
    headline: "Shared banking hubs open in towns that have lost every branch",
    standfirst:
      "Customers of any bank can pay in cash and see a specialist on set days. Small businesses say it is the first good news in years.",
    authors: ["mei-lin-zhou"],
    tags: ["Retail", "Cities", "Local government"],
    hoursAgo: 98,
    body: [
      "Eleven shared banking hubs have opened in towns across England and Wales that have lost every bank branch, allowing customers of the major banks to withdraw and pay in cash, and to see staff from their own bank on set days of the week.",
      "The hubs are run through the post office network and paid for jointly by the banks, which have closed thousands of branches over the past decade as customers moved online. Each has a counter open six days a week and a private room where a different bank's staff attend each day.",
      "For small businesses that still take a lot of cash, the hubs have ended a weekly drive to the nearest city. “I was losing a morning a week and £20 in fuel to pay in the takings,” said Bronwen Price, who runs a café in one of the towns. “Now it's a two-minute walk.”",
      "Campaigners say the roll-out is too slow: more than a hundred towns have been approved for a hub but are still waiting. The banks say they are opening them as fast as suitable premises can be found.",
    ],
  },
  {
    slug: "calloway-rail-systems-doubles-apprentice-intake",
    section: "business",
    kicker: "Work",
    headline: "An engineering firm doubles its apprentice intake after graduates turn down jobs",
    standfirst:
      "Calloway Rail Systems says school leavers it trains itself are more likely to stay. It had 400 applicants for 60 places.",
    authors: ["mei-lin-zhou"],
    tags: ["Jobs", "Education"],
    hoursAgo: 150,
    body: [
      "Calloway Rail Systems, which builds signalling equipment in the Midlands, will take on sixty apprentices this year, double its usual intake, after struggling to persuade graduates to accept jobs outside London.",
      "The apprentices will spend four days a week in the factory and one at a local college, earning a salary from the first day and finishing with a degree-level qualification after five years. The company received more than 400 applications.",
      "“We used to recruit graduates who left after two years for a job in the City,” said Gareth Lowe, Calloway's operations director. “The people we train ourselves tend to stay, and half of our managers started as apprentices.”",
      "Business groups have long complained that the apprenticeship system is too complicated for smaller firms. Calloway said it had taken on two full-time staff just to manage the paperwork.",
    ],
  },
  {
    slug: "empty-city-offices-converted-into-flats",
    section: "business",
    kicker: "Property",
    headline: "Empty offices in the City are being turned into flats, one floor at a time",
    standfirst:
      "Landlords of half-empty towers are converting their upper floors into homes. Planners say the results are mixed.",
    authors: ["mei-lin-zhou", "nadia-haddad"],
    tags: ["Housing", "Cities"],
    hoursAgo: 300,
    hero: {
      image: "city-skyline",
      alt: "Illustration of a dense cluster of office towers at night, some windows lit, under a starry sky with a full moon",
      caption: "Office occupancy in central London has not returned to its pre-pandemic level.",
      credit: "Illustration: London Daily",
    },
    body: [
      "On the ninth floor of a 1980s office block near the fictional Gresham Yard, builders are fitting kitchens into what were meeting rooms. Six floors below, a law firm is still at work. The building is one of a growing number in the City being converted into flats one floor at a time.",
      "Office occupancy in central London has not returned to its level before the pandemic, and landlords of older buildings with poor energy ratings have struggled to find tenants. Turning upper floors into homes brings in rent and, in some cases, avoids expensive upgrades.",
      "“An office floor is deep and a flat needs windows,” said Yetunde Bakare, an architect who has worked on four conversions. “The good ones are where someone has been brave enough to cut a hole in the middle.”",
      "Planners are wary. Some early conversions produced flats with little daylight and no outdoor space, and councils missed out on money they would have received from developers of new housing. New rules require minimum room sizes and a window in every bedroom.",
      "Residents say there are advantages to living above an office. The lifts are fast, the building is quiet at weekends and there is a concierge, said one who moved in last year: “The only thing missing is a shop that opens on a Sunday.”",
    ],
  },

  // ── Technology ────────────────────────────────────────────────────────
  {
    slug: "ai-tool-spots-fractures-missed-on-x-rays",
    section: "technology",
    kicker: "Artificial intelligence",
    headline: "An AI tool spots fractures that doctors missed on one in twenty X-rays, hospital trial finds",
    standfirst:
      "The software at St Aldric's Hospital acts as a second pair of eyes, not a replacement. Radiologists say the real test is what happens at three in the morning.",
    authors: ["kwame-asante"],
    tags: ["Artificial intelligence", "Health"],
    hoursAgo: 5.1,
    hero: {
      image: "circuit-board",
      alt: "Illustration of a black microchip at the centre of a green circuit board, surrounded by fine gold traces that end in small dots",
      caption: "The software was trained on more than a million anonymised X-rays.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Software that checks X-rays for broken bones flagged fractures that doctors had missed on about one in twenty scans during a year-long trial at St Aldric's Hospital in south London, according to results published in a medical journal.",
      "The tool does not diagnose patients. It highlights areas of an image that may contain a fracture, and a doctor decides whether to agree. Most of the injuries it caught were small breaks in the wrist and foot, which are easy to overlook on a busy night in the emergency department.",
      { h2: "How the trial worked" },
      "For twelve months, every X-ray taken in the emergency department was checked both by the software and by the doctor on shift, without either seeing the other's verdict. A panel of senior radiologists then reviewed every case in which the two disagreed.",
      {
        quote:
          "The software never gets tired and never has a waiting room full of people. It also makes mistakes a first-year doctor wouldn't, which is why it should never be working on its own.",
        by: "Dr Fiona Adeyemi, consultant radiologist at St Aldric's",
      },
      { h2: "The limits" },
      "The tool raised false alarms on about one scan in eight, which doctors said could slow them down if they were not careful. It also performed less well on X-rays of children, whose bones look different, and the hospital has switched it off for under-16s until a new version has been tested.",
    ],
  },
  {
    slug: "gatepass-ticket-app-data-breach",
    section: "technology",
    kicker: "Privacy",
    headline: "Ticket app Gatepass says customers' names and email addresses were stolen in a breach",
    standfirst:
      "The company says no card details were taken, but warns users to watch for convincing fake emails about refunds.",
    authors: ["kwame-asante"],
    tags: ["Privacy", "Music"],
    hoursAgo: 9.3,
    updatedHoursAgo: 3,
    body: [
      "Gatepass, an app used to buy tickets for concerts, comedy and football, has told customers that their names, email addresses and phone numbers were stolen when criminals broke into one of its databases.",
      "The company said about 2.1 million accounts were affected. Card details are held by a separate payment provider and were not taken, and passwords were stored in a scrambled form that makes them hard to read, though everyone is being asked to change theirs as a precaution.",
      "Security researchers said the greater risk was *phishing*: convincing emails or texts that use stolen details to trick people into handing over bank information. Fraudsters often pose as the affected company offering refunds or compensation.",
      {
        list: [
          "Change your Gatepass password, and any other account where you used the same one",
          "Be wary of any message about a refund, even if it uses your name and mentions a real event",
          "Never give card details in reply to an email or text; open the app directly instead",
          "Turn on two-step sign-in if the app offers it",
        ],
      },
      {
        quote:
          "The stolen data is exactly what a fraudster needs to sound plausible. The next few weeks are when people should be most careful.",
        by: "Dr Kemi Adebayo, a security researcher at a London university",
      },
      "The company has reported the breach to the data protection regulator, which can impose large fines if it finds that customers' information was not properly protected. Gatepass said it had hired an outside firm to find out how the attackers got in.",
    ],
    corrections: [
      {
        kind: "update",
        text: "This article was updated after Gatepass confirmed that about 2.1 million accounts were affected and that passwords were stored in scrambled form.",
        hoursAgo: 3,
      },
    ],
  },
  {
    slug: "authors-and-publishers-agree-ai-training-licence",
    section: "technology",
    kicker: "Artificial intelligence",
    headline: "Publishers and authors agree a licence for AI companies to train on their books",
    standfirst:
      "Writers would be paid each time their work is used to train a model, and could opt out entirely. AI firms have not said whether they will sign.",
    authors: ["kwame-asante", "farah-siddiqui"],
    tags: ["Artificial intelligence", "Books"],
    hoursAgo: 33,
    body: [
      "A group of British publishers and authors' organisations has agreed a standard licence under which artificial intelligence companies could pay to train their systems on published books, with writers receiving a share of every payment.",
      "Under the scheme, authors would be able to opt out altogether or choose which of their books are included. Payments would be collected by a not-for-profit body and split equally between writers and publishers, in a model borrowed from the way broadcasters pay for music.",
      { h2: "Why now" },
      "Authors have complained for years that their books were used to build AI systems without permission or payment. Several legal cases are under way in different countries, but they could take years to resolve, and publishers say a licence offers a quicker settlement that works for both sides.",
      {
        quote:
          "We are not trying to stop the technology. We are saying that if a machine learns to write from our books, the people who wrote them should be paid.",
        by: "Hannah Lockwood, novelist and chair of the fictional Society of Working Writers",
      },
      { h2: "Will the tech firms sign?" },
      "None of the large AI developers has committed to the licence. One said it would study the proposal; another argued that training a model on text is closer to a person reading a book than to copying it. The government is expected to set out its own plans on copyright and AI in the new year.",
    ],
  },
  {
    slug: "bin-lorries-fitted-with-pothole-cameras",
    section: "technology",
    kicker: "Local services",
    headline: "Bin lorries fitted with cameras find potholes before anyone reports them",
    standfirst:
      "A council in west London says it fixed twice as many holes last winter after its refuse trucks began mapping every street each week.",
    authors: ["kwame-asante"],
    tags: ["Local government", "Transport", "Privacy"],
    hoursAgo: 67,
    body: [
      "A west London council has fitted cameras and motion sensors to its fleet of bin lorries so that they map potholes on every street they drive down, allowing repair crews to fix holes before residents report them.",
      "Because the lorries visit every road at least once a week, the system builds a detailed picture of how the surface is wearing. Software grades each defect by size and depth, and the most dangerous are sent straight to the repairs team.",
      "The council says it repaired twice as many potholes last winter as the year before, and that compensation claims from drivers and cyclists fell by a third. “Our lorries were already going down every street,” said Councillor Duncan Amaechi. “Now they're doing two jobs at once.”",
      "Privacy campaigners have asked for assurances about the images. The council says faces and number plates are blurred automatically on the vehicle, and that only the location and size of each defect are stored.",
    ],
  },
  {
    slug: "volunteers-map-every-step-free-station-route",
    section: "technology",
    kicker: "Accessibility",
    headline: "Volunteers map every step-free route through the capital's stations",
    standfirst:
      "An open-source project built by wheelchair users has charted lifts, ramps and platform gaps at 400 stations, and the data is free for any app to use.",
    authors: ["kwame-asante"],
    tags: ["Transport", "Cities", "Infrastructure"],
    hoursAgo: 105,
    hero: {
      image: "rail-station",
      alt: "Illustration of a station concourse seen from the end of a platform, iron roof arches overhead and tracks stretching away",
      caption: "Volunteers recorded the height of the gap between platform and train at every stop.",
      credit: "Illustration: London Daily",
    },
    body: [
      "A group of volunteers, many of them wheelchair users, has finished mapping every step-free route through more than 400 stations in London, recording the location of each lift and ramp and the height of the gap between platform and train.",
      "The project, called *Level Access*, publishes its data openly so that any journey-planning app can use it. Volunteers also record when lifts are out of service, updating the map within minutes through a simple phone form.",
      {
        quote:
          "Official maps tell you a station is step-free. They don't tell you the lift is at the far end of a 200-metre platform, or that it has been broken for a week.",
        by: "Abigail Sowerby, who founded the project",
      },
      "Several of the largest journey-planning apps have started using the data, and the transport authority has agreed to feed its own lift-fault reports into the project. The group is now recruiting volunteers in Manchester and Glasgow.",
      "Anyone can contribute at [example.org/level-access](https://example.org/level-access). The organisers say the hardest stations to map are the oldest, where a step-free route often involves a service lift and a member of staff with a key.",
    ],
  },
  {
    slug: "schools-told-pupils-may-use-ai-for-homework",
    section: "technology",
    kicker: "Education",
    headline: "Schools are told pupils may use AI for homework, as long as they say how",
    standfirst:
      "New guidance asks teachers to set more work in class and to treat undeclared use of chatbots like any other form of copying.",
    authors: ["kwame-asante"],
    tags: ["Artificial intelligence", "Education"],
    hoursAgo: 185,
    body: [
      "Schools in England have been given guidance on how pupils may use AI chatbots for homework, in an attempt to bring order to a practice that teachers say has become almost universal among older pupils.",
      "The guidance, drawn up by a panel of head teachers and researchers, does not ban the tools. Instead it asks schools to set clear rules for each piece of work and to require pupils to declare when and how they have used them.",
      {
        ordered: true,
        list: [
          "Teachers should say for each assignment whether AI may be used, and for what",
          "Pupils should note any use of AI at the end of their work, with the prompts they used",
          "More assessed work should be done in class, by hand or on school devices",
          "Undeclared use should be treated in the same way as copying from another pupil",
        ],
      },
      "Teachers' unions welcomed the clarity but warned that more classroom assessment would mean more marking. Some parents asked how schools would detect undeclared use, given that tools claiming to spot AI-written text have proved unreliable.",
      "The panel's chair, Professor Ruth Abara, said the aim was honesty rather than detection. “We would rather pupils told us how they used these tools than pretended they hadn't,” she said.",
    ],
  },
  {
    slug: "aboard-the-ship-that-mends-the-internet",
    section: "technology",
    kicker: "The long read",
    headline: "Aboard the ship that mends the internet",
    standfirst:
      "When an undersea cable breaks, a small crew on a slow ship has to find it, lift it from the seabed and splice it back together. We spent a week with them.",
    authors: ["kwame-asante"],
    tags: ["Infrastructure", "Trade"],
    hoursAgo: 340,
    hero: {
      image: "harbour-cranes",
      alt: "Illustration of port cranes against a bright orange sunset, coloured shipping containers lined up along the quay and the sun reflected on dark water",
      caption: "Spare cable is loaded at the quay before the repair ship heads out.",
      credit: "Illustration: London Daily",
    },
    body: [
      "The *Marianne Ferry* does not look like a vessel that keeps the modern world running. She is forty years old, smells faintly of diesel and instant coffee, and manages about twelve knots with the wind behind her. But when one of the fibre-optic cables that carry almost all of the world's internet traffic breaks off western Europe, she is often the ship sent to fix it.",
      "Her crew of fifty-two includes engineers who have spent decades learning to splice glass fibres thinner than a hair, often on a deck pitching in a swell. A typical repair takes about a week: a day or two to reach the site, two days to find and lift both ends of the broken cable, and two or three days to join them and lower the repaired section back to the seabed.",
      {
        pull: "People imagine the internet is in the sky. It isn't. It's on the bottom of the sea, and sometimes a trawler drags an anchor through it.",
        by: "Captain Ingrid Solberg",
      },
      {
        image: "circuit-board",
        alt: "Illustration of gold circuit traces branching across a green board towards a square black chip",
        caption:
          "Signals travel along the cable as pulses of light, boosted every fifty miles by repeaters on the seabed.",
        credit: "Illustration: London Daily",
      },
      "Most breaks are caused by fishing gear and ships' anchors, not by sharks or sabotage, whatever the headlines suggest. But concern about deliberate damage has grown, and governments have begun paying for more repair ships to be kept on standby.",
      { divider: true },
      "On the last day of our trip, the splice went over the side in a steel sleeve the size of a dustbin. Within an hour, the engineers in the control room confirmed that traffic was flowing again. Nobody on shore would ever know it had stopped.",
    ],
  },
];
