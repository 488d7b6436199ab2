import type { DemoArticle } from "./demo.types.js";

// Business and technology stories for the demo newsroom.
// Every company, person and quotation here is invented; any resemblance to real ones is coincidental.

export const storiesBusinessTechnology: DemoArticle[] = [
  {
    slug: "pension-fund-backs-north-sea-wind-array",
    section: "business",
    kicker: "Green investment",
    headline: "Teachers' pension fund puts £1.2bn into a North Sea wind array",
    standfirst:
      "The Meridian Teachers' Scheme says steady returns from turbines now beat the bonds it used to rely on.",
    authors: ["priya-raman", "siobhan-keane"],
    tags: ["Energy", "Climate", "Interest rates"],
    hoursAgo: 2.3,
    hero: {
      image: "wind-farm",
      alt: "Illustration of rows of white wind turbines standing in a grey-green sea under a pale sky",
      caption: "The Dunmore Bank array is due to begin generating in three years.",
      credit: "Illustration: London Daily",
    },
    body: [
      "One of the country's largest workplace pension schemes has agreed to take a 40 per cent stake in a planned offshore wind array, in what its trustees described as the biggest single investment in the fund's history. The **Meridian Teachers' Scheme**, which looks after the savings of about 600,000 current and former school staff, will pay £1.2bn for its share of the Dunmore Bank project.",
      "The deal gives the developer, Saltire Offshore, the money it needs to order turbines this year. In return, the scheme will receive a share of electricity sales that are partly fixed by a long-term contract, an arrangement its managers say behaves more like a bond than a share.",
      { h2: "Why pension funds are looking offshore" },
      "For years, pension schemes bought government debt to match the payments they would owe retirees. When interest rates fell, that approach became expensive, and trustees began looking for other assets with predictable income. Wind farms, once seen as risky engineering projects, now have long operating records that investors can study.",
      "The scheme's chief investment officer, Harriet Colley, said the fund had spent two years examining the project, including its exposure to storms and to changes in power prices. She said the fund would not have invested without the fixed-price contract covering most of the array's output.",
      "Environmental groups welcomed the deal but warned that the grid connection for Dunmore Bank had not yet been confirmed. Saltire Offshore said it expected a decision from the network operator [within the next six months](https://example.org/energy/grid-queue).",
    ],
  },
  {
    slug: "container-rates-climb-as-shipping-lanes-reroute",
    section: "business",
    kicker: "Global trade",
    headline: "Freight costs climb as shipping lines add a week to Asia routes",
    standfirst:
      "Importers of furniture and electronics warn that higher container prices will reach shop shelves by the spring.",
    authors: ["tomasz-wojcik"],
    tags: ["Trade", "Retail"],
    hoursAgo: 41,
    hero: {
      image: "harbour-cranes",
      alt: "Illustration of tall blue cranes lifting stacked coloured containers beside a dark quay",
      caption: "Container volumes at east coast ports have fallen for two months running.",
      credit: "Illustration: London Daily",
    },
    body: [
      "The cost of moving a container from East Asia to Britain has risen by almost half in a month, according to a freight index compiled by the brokers Halden & Rowe. Shipping lines have lengthened their routes to avoid congested waters, adding as much as a week to each voyage and taking ships out of circulation.",
      "Longer journeys mean fewer sailings with the same number of vessels, and the squeeze has been felt most by smaller importers who buy space on the spot market rather than through annual contracts.",
      {
        quote:
          "We booked a container in January for one price and were asked to pay nearly double to get it on the ship we wanted. For a business our size, that is the whole profit on the shipment.",
        by: "Neil Farrant, owner, Farrant Home Furnishings",
      },
      "Economists say the effect on inflation should be modest, because freight is a small part of the final price of most goods. But bulky, low-value items such as garden furniture and flat-pack shelving are more exposed, and some retailers have already told suppliers to expect smaller orders.",
      "Port operators on the east coast reported a second month of falling volumes. A spokesperson for the Port of Kessingham said the decline reflected delays rather than weaker demand, and that it expected a surge of arrivals once the rerouted ships reached Europe.",
    ],
  },
  {
    slug: "lenders-cut-fixed-mortgage-rates-first-time-buyers",
    section: "business",
    kicker: "Mortgages",
    headline: "Lenders trim fixed mortgage rates as competition for first-time buyers heats up",
    standfirst:
      "Three building societies have cut their five-year deals in a week, though brokers warn the savings are small.",
    authors: ["priya-raman"],
    tags: ["Housing", "Interest rates"],
    hoursAgo: 16,
    hero: {
      image: "city-skyline",
      alt: "Illustration of a city skyline of towers and terraced rooftops in soft evening oranges and blues",
      caption: "Average five-year fixed rates have dipped for the first time since the autumn.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Three of the country's mid-sized building societies have lowered the rates on their five-year fixed mortgages in the past week, in a sign that lenders are competing harder for first-time buyers. The Northgate, Wessex Mutual and Calder Vale societies all cut rates by between 0.1 and 0.2 percentage points.",
      "The reductions follow a fall in the swap rates that lenders use to price fixed deals, which reflect what markets expect interest rates to do over the coming years. Traders have become more confident that the central bank will begin lowering its benchmark rate by the summer.",
      {
        quote:
          "It is a welcome move, but nobody should expect a return to the very cheap money of a few years ago. On a typical first home, this is the price of a takeaway a month.",
        by: "Lydia Osei, mortgage broker, Osei & Daughters",
      },
      "Wessex Mutual said it had also relaxed its rules for applicants with irregular incomes, such as agency workers and the self-employed, who it said had been *unfairly shut out* of borrowing.",
      "Estate agents in London reported more viewings in January than a year earlier, although they said buyers were negotiating hard on price. Asking prices in the capital were broadly flat over the year.",
    ],
  },
  {
    slug: "grocery-loyalty-schemes-explained",
    section: "business",
    kicker: "Shopping basket",
    headline: "Member prices are everywhere. Here is what the loyalty schemes really save you",
    standfirst:
      "A London Daily analysis of 200 everyday products finds the discounts are real, but patchy and often small.",
    authors: ["priya-raman"],
    tags: ["Retail", "Privacy"],
    hoursAgo: 140,
    body: [
      "Walk into almost any large supermarket and two prices now hang beneath many products: one for everybody, and a lower one for shoppers who scan a loyalty card or app. Retailers say the schemes reward regular customers. Critics say they quietly punish people who do not want to hand over their data.",
      "To find out how much the difference is worth, London Daily compared member and standard prices on 200 common items across four large chains over a fortnight. On average, about one product in five carried a member price, and the typical saving on those items was 14 per cent.",
      "If you want to get the most from the schemes without signing away more than you need to, consumer advisers suggest a few steps:",
      {
        list: [
          "Check the unit price, not just the member price, because a discounted large pack is not always cheaper per gram.",
          "Look at the app's privacy settings and switch off marketing and location sharing you do not want.",
          "Compare your usual basket once a month rather than chasing individual offers.",
          "Ask whether a physical card is available if you do not use a smartphone; most chains must still offer one.",
        ],
        ordered: true,
      },
      "The retailers we contacted said member pricing was funded partly by suppliers and allowed them to target discounts at the products customers actually buy. None would say how much it earned from selling insights drawn from shopping data.",
      "Consumer groups have asked the competition regulator to examine whether shoppers without the apps are paying more than they would if the schemes did not exist. The regulator said it was [gathering evidence](https://example.org/retail/member-pricing) and would report later this year.",
    ],
  },
  {
    slug: "engineering-firm-doubles-apprentice-intake",
    section: "business",
    kicker: "Skills gap",
    headline: "Midlands engineering firm doubles its apprentice intake to fill an ageing workforce",
    standfirst:
      "Harrowby Precision says a third of its machinists will retire within a decade, and it can no longer wait for the market to supply them.",
    authors: ["priya-raman"],
    tags: ["Jobs", "Education"],
    hoursAgo: 240,
    body: [
      "A family-owned engineering company that makes parts for trains and medical scanners will take on 60 apprentices this year, twice its usual number, after warning that its workforce is getting older faster than it can recruit. Harrowby Precision employs 480 people at two sites near Leicester.",
      "The company's managing director, Colm Bradshaw, said about a third of its skilled machinists were over 55. Hiring experienced replacements had become so difficult, he said, that the firm had turned down work from two customers last year.",
      {
        pull: "We used to think of apprentices as a cost. Now they are the only way we grow.",
        by: "Colm Bradshaw",
      },
      "Apprentices will spend four days a week on the shop floor and one at a local further education college, which has agreed to run an extra evening class in computer-controlled machining. The firm is paying above the apprentice minimum wage and has promised a permanent job to everyone who completes the scheme.",
      "Business groups say smaller manufacturers find it harder to offer training because the paperwork is heavy and the payback takes years. Harrowby said it had employed a full-time co-ordinator to support the apprentices and handle the administration.",
    ],
  },
  {
    slug: "london-composite-index-record-close",
    section: "business",
    kicker: "Markets",
    headline: "London shares close at a record as investors bet on earlier rate cuts",
    standfirst: "Housebuilders and banks led the rise, while the pound slipped against the dollar.",
    authors: ["priya-raman"],
    tags: ["Interest rates", "Housing"],
    hoursAgo: 6.9,
    video: true,
    body: [
      "The London Composite index of leading shares closed at a record high on Thursday, rising 1.4 per cent as investors grew more confident that interest rates will fall sooner than previously expected. Weaker-than-forecast wage figures published in the morning were taken as a sign that pressure on prices is easing.",
      {
        image: "market-chart",
        alt: "Illustration of a price chart, a line rising and then falling over green and red bars",
        caption: "The index has gained almost 9 per cent since its low in October.",
        credit: "Illustration: London Daily",
      },
      { h2: "Winners and losers" },
      "Housebuilders were among the strongest performers, with Ashcombe Homes up 6 per cent and Brindle Estates up 4.8 per cent, as traders anticipated cheaper mortgages and more buyers. Banks also gained, although analysts noted that lower rates would eventually squeeze the margins they earn on loans.",
      "Energy companies fell after oil prices dipped, and the pound lost half a cent against the dollar, reflecting the expectation that lower rates make sterling less attractive to hold.",
      "Market strategists cautioned against reading too much into a single day. *One soft set of pay figures does not make a trend*, wrote analysts at the brokerage Pell Lindqvist in a note to clients, adding that the next inflation report would matter more.",
    ],
  },
  {
    slug: "bramble-coffee-chain-administration",
    section: "business",
    kicker: "High street",
    headline: "Bramble & Bean coffee chain falls into administration, putting 900 jobs at risk",
    standfirst: "Administrators say most of the 74 cafés will keep trading while they look for a buyer.",
    authors: ["priya-raman"],
    tags: ["Retail", "Jobs"],
    hoursAgo: 80,
    updatedHoursAgo: 62,
    body: [
      "Bramble & Bean, the coffee chain known for its green shopfronts and oat-milk flat whites, has collapsed into administration after failing to agree new terms with its lenders. The company runs 74 cafés, most of them in London and the south-east, and employs about 900 people.",
      "Administrators from the firm Calloway Strand said all cafés would remain open for now and staff would be paid in full for the current month. They said they had already received interest from several potential buyers.",
      {
        quote:
          "This is a well-loved brand with loyal customers. The problem is not the coffee, it is a cost base that was built for a world of five-day office weeks.",
        by: "Martin Achebe, joint administrator, Calloway Strand",
      },
      "The chain expanded rapidly before the pandemic, signing long leases on sites near large office buildings. With many workers now in the office only two or three days a week, several of those cafés have struggled to cover their rent.",
      "Staff at one branch in the City said they had learned of the administration from customers who had read the news on their phones. The company's founder, Rosalind Greer, said in a statement that she was *heartbroken* and hoped the business would find a new owner who would keep the team together.",
    ],
    corrections: [
      {
        kind: "update",
        text: "This article was updated after the administrators confirmed that 12 cafés will close this week, with staff offered roles at nearby branches where possible.",
        hoursAgo: 62,
      },
    ],
  },
  {
    slug: "invoice-app-start-up-raises-funding",
    section: "business",
    kicker: "Start-ups",
    headline: "Invoicing app that pays small firms on day one raises £18m",
    standfirst:
      "Ledgerly advances money against unpaid invoices, aiming at the plumbers, printers and caterers left waiting by larger customers.",
    authors: ["priya-raman"],
    tags: ["Start-ups", "Jobs"],
    hoursAgo: 380,
    hero: {
      image: "market-chart",
      alt: "Illustration of a bar chart with rising teal columns over a navy background",
      caption: "Late payment costs small businesses billions of pounds a year, according to trade groups.",
      credit: "Illustration: London Daily",
    },
    body: [
      "A London start-up that pays small businesses for their invoices as soon as they are issued has raised £18m from investors, as it tries to tackle a problem that trade groups say pushes thousands of firms into trouble every year. **Ledgerly**, founded three years ago in a shared office in Hackney, now has 11,000 customers.",
      "The app lets a business upload an invoice and receive most of its value within hours. Ledgerly then collects the full amount from the customer and keeps a fee, typically between 1 and 3 per cent depending on how reliable the payer is.",
      "Its co-founder, Anika Vasquez, previously ran a catering company and said she started Ledgerly after waiting 94 days for a large events firm to settle a bill. She said the company checks the paying business rather than the small supplier, which means sole traders with short credit histories can still use it.",
      "The funding round was led by Fenwick Row Ventures, with participation from two existing investors. The company plans to hire 40 engineers and customer support staff and to open an office in Manchester.",
      "Critics of invoice finance say it can become an expensive habit for businesses that rely on it every month. Ledgerly said it shows customers the annualised cost of each advance and caps the number of invoices a new user can sell.",
    ],
  },
  {
    slug: "data-centre-heat-warms-council-flats",
    section: "technology",
    kicker: "Waste heat",
    headline: "Heat from a data centre will warm 1,400 council flats in east London",
    standfirst:
      "Servers that would otherwise vent warm air into the sky will feed a new heat network under the streets of Bow.",
    authors: ["daniel-achterberg", "siobhan-keane"],
    tags: ["Energy", "Climate", "Housing"],
    hoursAgo: 9.7,
    hero: {
      image: "circuit-board",
      alt: "Illustration of a green circuit board with glowing copper tracks running between square chips",
      caption: "Data centres turn almost all the electricity they use into heat.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Warm air from thousands of computer servers is to be piped into homes in east London under a scheme that its backers say could become a model for other cities. The data centre operator Cobalt Vault has agreed to supply heat to a new network serving 1,400 council flats on three estates in Bow.",
      "Data centres use large amounts of electricity, and almost all of it ends up as heat that must be removed to stop the machines overheating. Usually that heat is simply released into the air. In the new scheme, heat pumps will raise the temperature of the warm water from the cooling system so that it can run radiators and hot taps.",
      {
        quote:
          "For years we have been paying to throw this heat away. Now it will come out of someone's shower. It is hard to think of a more obvious thing to do.",
        by: "Ingrid Solberg, head of sustainability, Cobalt Vault",
      },
      "The council said tenants on the network should see heating bills fall by about a fifth compared with the gas boilers they replace, although the savings depend on electricity prices because the heat pumps need power to run.",
      "Engineers point out that a data centre's output does not always match demand. Servers run hardest during the day, while homes need most heat in the early morning and evening. The network will include a large insulated water tank to store heat for several hours.",
      "Construction is due to begin in the spring, with the first homes connected before next winter.",
    ],
  },
  {
    slug: "gp-surgeries-trial-ai-note-taking",
    section: "technology",
    kicker: "Health tech",
    headline: "GP surgeries trial AI that writes up appointments as patients talk",
    standfirst:
      "Doctors say the software gives them back time to look at their patients; privacy campaigners want firm limits on what is kept.",
    authors: ["daniel-achterberg"],
    tags: ["Artificial intelligence", "Health", "Privacy"],
    hoursAgo: 4.4,
    hero: {
      image: "circuit-board",
      alt: "Illustration of a close-up circuit board with a single bright chip at its centre",
      caption: "Patients must agree before any recording begins.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Twenty GP practices in south London have begun testing software that listens to consultations and drafts the doctor's notes, in a trial that could be extended across the capital if it is judged safe. The system, called ScribeWell, was built by a small company in Cambridge and runs on a tablet placed on the doctor's desk.",
      "Patients are asked at the start of each appointment whether they are happy for the conversation to be recorded. If they agree, the software produces a summary that the doctor must read, correct and approve before anything is saved to the medical record.",
      { h2: "What happens to the recordings" },
      "The audio is deleted as soon as the summary has been approved, according to the health board running the trial, and the company is not allowed to use patients' conversations to improve its software. Campaigners at the group Open Records Watch said those promises should be written into law rather than left to contracts.",
      "Early feedback from doctors has been positive. Several told London Daily that they had previously spent the last minutes of every appointment typing, with their backs half turned to the patient.",
      "The trial will run for six months and will be assessed by researchers looking at accuracy, patient satisfaction and whether the time saved leads to more appointments. An interim report is expected [in the summer](https://example.org/health/scribe-trial).",
    ],
  },
  {
    slug: "highland-rocket-launch-delayed-again",
    section: "technology",
    kicker: "Space race",
    headline: "First rocket launch from a Highland spaceport delayed again by high winds",
    standfirst:
      "Aurora Launch says its small rocket is ready, but the weather over the Pentland Firth has other ideas.",
    authors: ["daniel-achterberg"],
    tags: ["Space", "Start-ups"],
    hoursAgo: 57,
    body: [
      "The first attempt to send a rocket into orbit from the north coast of Scotland was called off for the third time this week, after gusts over the launch site exceeded safe limits. Aurora Launch, an Edinburgh company, had hoped to place two small Earth-observation satellites into orbit.",
      "Hundreds of people had gathered on the cliffs near the spaceport, some of them having travelled overnight. Local cafés and guesthouses, which have been busy all week, said they were happy to keep hosting visitors for as long as the delays continued.",
      {
        quote:
          "Rockets are patient machines, even if the people watching them are not. We will launch when the conditions are right and not a minute before.",
        by: "Fiona McLeish, chief executive, Aurora Launch",
      },
      "The company's rocket is 18 metres tall and designed to carry payloads of up to 200 kilograms. It has been tested on the ground several times but has never flown, and engineers have warned that first launches frequently fail.",
      "The next launch window opens on Monday morning. Aurora said it would post updates on its website and asked spectators not to park on the single-track road to the site.",
    ],
  },
  {
    slug: "smart-meter-data-sharing-rules",
    section: "technology",
    kicker: "Your data",
    headline: "Energy suppliers want half-hourly meter readings. Should you say yes?",
    standfirst:
      "New tariffs reward customers who share detailed smart meter data, but it reveals more about daily life than many people realise.",
    authors: ["daniel-achterberg"],
    tags: ["Privacy", "Energy"],
    hoursAgo: 104,
    body: [
      "Energy suppliers are offering cheaper tariffs to households that agree to share readings from their smart meters every half hour, rather than once a month. The detailed data allows suppliers to charge less when electricity is plentiful, for example on windy nights, and more at peak times.",
      "But researchers say a stream of half-hourly readings can reveal a surprising amount: when a household wakes, whether it is empty during the working day, and even when someone returns from holiday.",
      { h2: "What the data can show" },
      "A study by researchers at the Wexford Data Lab found that from half-hourly readings alone it could estimate, with reasonable accuracy, the following:",
      {
        list: [
          "What time the first person in the house usually gets up",
          "Whether the home is occupied during weekdays",
          "When an electric vehicle is being charged",
          "Periods of several days when nobody is at home",
        ],
      },
      "The energy regulator's rules say suppliers can only collect half-hourly data for billing with the customer's consent, and customers can withdraw that consent at any time. Suppliers are not allowed to sell the data for marketing without a separate, explicit agreement.",
      "Privacy advocates say that for most people the savings are worth having, provided they read the terms. *The question is not whether to share, but with whom and for how long*, said one researcher.",
    ],
  },
  {
    slug: "schools-pilot-ai-translation-for-parents",
    section: "technology",
    kicker: "Classroom tech",
    headline: "Schools use AI translation to talk to parents in 40 languages",
    standfirst:
      "A pilot in west London lets families read letters and reports in their own language, with teachers checking anything sensitive.",
    authors: ["daniel-achterberg"],
    tags: ["Artificial intelligence", "Education"],
    hoursAgo: 310,
    body: [
      "Eleven primary schools in west London are using translation software to send letters, homework notes and school reports to parents in more than 40 languages. The pilot, run by the Brentside Learning Trust, is aimed at families who struggle to follow English-language messages from school.",
      "Until now, schools relied on older children or bilingual staff to pass on information, which teachers said was slow and sometimes put pupils in awkward positions when the news was about their own behaviour.",
      {
        pull: "A parent told me it was the first time she had read her son's report without needing him to explain it.",
        by: "Joanna Pryce",
      },
      "Joanna Pryce, headteacher of Larchfield Primary, said staff had agreed rules about what the software could be trusted with. Routine letters go out automatically, but anything about safeguarding, special educational needs or exclusions is checked by a human translator first.",
      "The trust said the software had been tested by native speakers of the ten most common languages in its schools, who found it accurate for everyday messages but weaker with idioms and school jargon. It has published a glossary of terms such as *inset day* to help.",
      "If the pilot succeeds, the trust plans to extend it to its secondary schools next year.",
    ],
  },
  {
    slug: "shops-face-recognition-cameras-review",
    section: "technology",
    kicker: "Surveillance",
    headline: "Regulator opens review of face-scanning cameras in convenience shops",
    standfirst:
      "Retailers say the cameras deter shoplifters; campaigners say customers are being placed on watchlists without knowing.",
    authors: ["daniel-achterberg"],
    tags: ["Privacy", "Retail", "Policing"],
    hoursAgo: 28,
    hero: {
      image: "rain-street",
      alt: "Illustration of a rain-soaked shopping street at night with lit shop windows reflected in puddles",
      caption: "Several hundred shops are thought to use face-matching cameras.",
      credit: "Illustration: London Daily",
    },
    body: [
      "The data protection regulator has opened a review into the use of facial recognition cameras by convenience shops, after complaints from customers who say they were wrongly identified as shoplifters. The cameras compare the faces of people entering a shop with a list of individuals the retailer has previously flagged.",
      "One supplier, Sentinel Retail Systems, says its technology is used in about 300 shops across England. It says the system alerts staff to a possible match but does not make any decision on its own.",
      {
        quote:
          "I was asked to leave a shop I had used for ten years, in front of my neighbours, because a computer thought I looked like someone else. Nobody could tell me how I got on that list or how to get off it.",
        by: "Marcus Delaney, retired bus driver",
      },
      "Shopkeepers argue that theft has risen sharply and that police rarely attend low-value incidents. The Association of Independent Grocers said members using the cameras had reported fewer repeat offences and less abuse of staff.",
      "The regulator said it would examine how people are added to watchlists, how long their images are kept and whether customers are clearly told the cameras are in use. It expects to publish [guidance for retailers](https://example.org/privacy/face-matching-review) by the autumn.",
    ],
  },
  {
    slug: "battery-recycling-start-up-opens-plant",
    section: "technology",
    kicker: "Clean tech",
    headline: "Start-up opens plant to pull lithium from old scooter batteries",
    standfirst:
      "Kestrel Cycle says it can recover most of the valuable metals in discarded batteries without burning them.",
    authors: ["daniel-achterberg"],
    tags: ["Start-ups", "Energy", "Climate"],
    hoursAgo: 185,
    hero: {
      image: "circuit-board",
      alt: "Illustration of circuit tracks and small battery cells arranged in neat rows on a dark green board",
      caption: "Most small lithium batteries are still exported for processing.",
      credit: "Illustration: London Daily",
    },
    body: [
      "A start-up in the Black Country has opened a plant that recovers lithium, nickel and cobalt from the batteries of worn-out e-scooters, e-bikes and power tools. Kestrel Cycle says the site in Tipton can process 5,000 tonnes of batteries a year, making it one of the larger recycling operations of its kind in Britain.",
      "Most recycling plants crush batteries and then heat the remains to very high temperatures, which uses a great deal of energy. Kestrel instead dissolves the shredded material in a water-based solution and separates the metals chemically, a method it says recovers more than 90 per cent of the lithium.",
      "The company's founder, Dr Samira Haddad, developed the process during a research fellowship at a Midlands university. She said discarded small batteries were also a growing fire risk at waste sites, where they can ignite when crushed in bin lorries.",
      { divider: true },
      "Kestrel has signed agreements with two scooter-hire operators and a chain of bike shops to collect used batteries. It plans to sell the recovered metals to cathode makers in Europe.",
      "The plant employs 65 people, and the company said it would add a second processing line next year if demand continued to grow.",
    ],
  },
];
