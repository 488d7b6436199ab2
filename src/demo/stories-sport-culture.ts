import type { DemoArticle } from "./demo.types.js";

// Sport and culture stories for the demo newsroom.
// Everything here is original, clearly fictional writing: the clubs, players, shows, artists and quotes are invented.

export const storiesSportCulture: DemoArticle[] = [
  // ---------------------------------------------------------------- Sport
  {
    slug: "kingsbridge-united-stoppage-time-derby-winner",
    section: "sport",
    kicker: "Derby drama",
    headline: "Kingsbridge United snatch the derby with a header in the 94th minute",
    standfirst:
      "A substitute defender settled a scrappy local derby under the lights and lifted his side into the play-off places.",
    authors: ["grace-mensah"],
    tags: ["Football", "Transport"],
    hoursAgo: 2.9,
    hero: {
      image: "stadium-lights",
      alt: "Illustration of a floodlit football pitch at night with a crowd in the stands",
      caption: "Kingsbridge's Marsh Lane ground was sold out for the first time this season.",
      credit: "Illustration: London Daily",
    },
    body: [
      "For ninety-three minutes the south London derby between **Kingsbridge United** and Hatherley Town looked certain to end the way most of them do: goalless, bad-tempered and forgotten by Monday. Then Callum Adeyemi, on the pitch for barely ten minutes, rose above two defenders at the back post and headed in a corner to send Marsh Lane into uproar.",
      "It was Adeyemi's first goal for the club since joining from non-league Fenwick Rangers in the summer. The 23-year-old centre-back had spent most of the autumn on the bench, and admitted afterwards that he had not expected to play at all.",
      {
        quote:
          "I was warming up for about forty minutes and I think the manager forgot I was there. When the ball came over I just shut my eyes and attacked it. I've never heard noise like that.",
        by: "Callum Adeyemi, Kingsbridge United defender",
      },
      "Hatherley had the better of the first half and hit the post through their captain, Jonah Pell, shortly before the interval. Their manager, Ruth Castellan, said her side had *deserved at least a point* and complained that the decisive corner should have been a goal kick.",
      "The win moves Kingsbridge up to sixth, level on points with Ashcombe Athletic, with twelve matches remaining. Hatherley drop to ninth and face a difficult run of three away games in eight days.",
      "Transport for the match passed more smoothly than at last season's fixture, when hundreds of away fans were stranded after the last train. This time the rail operator ran two extra late services from Marsh Lane station, and police reported no arrests.",
    ],
  },
  {
    slug: "lewisham-sprinter-breaks-under-18-indoor-record",
    section: "sport",
    kicker: "Indoor athletics",
    headline: "Sixteen-year-old sprinter breaks national under-18 indoor record over 60 metres",
    standfirst:
      "Ife Marchetti, who trains on a council track in south-east London, took three hundredths of a second off a mark that had stood for eleven years.",
    authors: ["grace-mensah"],
    tags: ["Athletics", "Education"],
    hoursAgo: 5.1,
    body: [
      "Ife Marchetti had never run an indoor 60 metres before this winter. On Saturday afternoon, at the regional championships in Birchfield, the 16-year-old from the Ravensbourne Harriers club crossed the line in 7.21 seconds, a national under-18 record.",
      "The previous best had stood since before she started primary school. Officials checked the timing system twice before confirming the result, and Marchetti was told only as she collected her tracksuit from the side of the track.",
      {
        quote:
          "She does her homework in the stand between sessions. There's no magic to it: she turns up three times a week, in the rain, on a track with a crack in lane four.",
        by: "Desmond Okafor, Ravensbourne Harriers coach",
      },
      "Ravensbourne Harriers train on a council-owned track in Lewisham that was nearly closed in a round of budget cuts five years ago. The club now has a waiting list of more than 80 children, and has asked the council to resurface the bends before the outdoor season.",
      "Marchetti, who is studying for her GCSEs, said she would not change her plans for the summer. She is expected to be selected for the national under-18 team's spring training camp, which selectors will announce next month.",
    ],
  },
  {
    slug: "county-cricket-ground-solar-canopy-stands",
    section: "sport",
    kicker: "Greener grounds",
    headline: "County cricket ground covers its stands in solar panels to power the floodlights",
    standfirst:
      "Wessex Downs say the new canopy will supply most of the electricity they use on match days and keep spectators dry.",
    authors: ["grace-mensah", "siobhan-keane"],
    tags: ["Cricket", "Climate", "Energy"],
    hoursAgo: 7.7,
    body: [
      "Wessex Downs County Cricket Club has finished fitting more than 2,400 solar panels to the roofs of its two main stands, in what it describes as the largest such scheme at any cricket ground in the country. The £3.1m project was paid for partly by a members' bond and partly by a grant from a regional energy fund.",
      { h2: "Power for the lights, shade for the crowd" },
      "The club estimates the canopy will generate about 70 per cent of the electricity it uses across a season, including the floodlights needed for evening white-ball matches. Surplus power on non-match days will be sold to a neighbouring housing association at a fixed price.",
      "Spectators will notice another difference. The old stands were open to the sky, and members have long complained about sunburn in July and soaking in April. The panels are mounted on a frame that extends over the back twelve rows of seats.",
      { h2: "Counting the cost" },
      "Energy researchers said the scheme was sensible but warned that grounds should not overstate its effect. A single away trip by a touring squad, or a season of spectators driving in from across the county, can outweigh the savings from a roof, according to an analysis published by a [sports sustainability group](https://example.org/sport-carbon-footprint).",
      "The club's chief executive, Harriet Lomax, said the next step was cheaper coach travel for fans. From the start of the season, supporters who arrive by bus or bike will get a discount on their ticket.",
    ],
  },
  {
    slug: "local-wildcard-wins-through-grass-court-qualifying",
    section: "sport",
    kicker: "Grass courts",
    headline: "Club coach given a wildcard wins through to the main draw at Highgrove Park",
    standfirst:
      "Nadia Volkers, who teaches beginners at the same club most weekday mornings, won three qualifying matches in three days.",
    authors: ["grace-mensah"],
    tags: ["Tennis", "Education"],
    hoursAgo: 10.5,
    video: true,
    hero: {
      image: "city-skyline",
      alt: "Illustration of a city skyline at dusk seen beyond a row of grass tennis courts",
      caption: "The Highgrove Park courts sit on a ridge above the city.",
      credit: "Illustration: London Daily",
    },
    body: [
      "On most weekday mornings, Nadia Volkers stands on court three at the Highgrove Park Lawn Tennis Club feeding soft balls to beginners. On Thursday she walked off the same court having beaten the tournament's fourth seed in qualifying, 7-6, 3-6, 6-4, to reach the main draw of the club's annual grass-court event.",
      "Volkers, 27, stopped playing professionally three years ago after a shoulder operation and had not played a ranked match since. The organisers gave her a wildcard into qualifying as a gesture to the club's own members, who have followed her career since she joined as a junior.",
      { video: true },
      "Her route through was anything but comfortable. She saved two match points in her opening round and needed treatment on a blistered hand before the third set of the final qualifier. Her opponent, Sara Lindqvist-Moreau, ranked nearly 400 places above her, described her slice backhand as *horrible to play against on grass*.",
      "Volkers will face the top seed in the first round on Monday. She said she had already asked a colleague to cover her beginners' class, *just in case*.",
      "The club's head coach said Volkers's run had already had one effect: three local primary schools that use the courts for free PE lessons have asked whether their pupils can watch her first-round match.",
    ],
  },
  {
    slug: "hatherley-women-move-to-main-stadium",
    section: "sport",
    kicker: "Women's football",
    headline: "Hatherley Town's women will play every home game at the main stadium next season",
    standfirst:
      "The club says crowds of more than 4,000 at two trial fixtures convinced it to move the team from a training ground to its 15,000-seat home.",
    authors: ["grace-mensah"],
    tags: ["Football", "Jobs"],
    hoursAgo: 19,
    hero: {
      image: "stadium-lights",
      alt: "Illustration of a stadium at night with floodlights shining over a green pitch",
      caption: "Hatherley's Old Wharf ground will host both first teams next season.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Hatherley Town Women will leave their training-ground pitch on the edge of the borough and play all eleven home league matches at Old Wharf, the club's main stadium, from next season. The decision follows two trial fixtures this spring that drew crowds of 4,200 and 4,650.",
      "Until now the team has played in front of a single covered stand holding about 600 people. Players have described queues at the only tea bar stretching the length of the pitch, and families leaving at half-time because there was nowhere to sit.",
      {
        pull: "We kept being told nobody would come. Then they came, twice, and brought their grandparents.",
        by: "Leah Osei-Brand, Hatherley Town Women captain",
      },
      "The move will cost the club an estimated £180,000 a season in stewarding, cleaning and pitch recovery. Its commercial director said ticket sales, a separate shirt sponsor and a broadcast deal for six matches should cover most of it, and that the club would create twelve part-time match-day jobs.",
      "Groundstaff have raised concerns about the pitch hosting two fixtures a week during the winter. The club has agreed to schedule the women's games on Sunday afternoons and install grow lights under the south stand roof.",
      "Season tickets will go on sale next month at £60 for adults and £15 for under-16s.",
    ],
  },
  {
    slug: "youth-football-league-limits-heading-in-training",
    section: "sport",
    kicker: "Player safety",
    headline: "Youth football league limits heading in training for players under 14",
    standfirst:
      "More than 300 grassroots teams in south London will follow new rules from next month, after a two-year consultation with coaches and parents.",
    authors: ["grace-mensah"],
    tags: ["Football", "Health"],
    hoursAgo: 31,
    body: [
      "The South Thames Junior Football League, which runs matches for more than 300 teams of children aged seven to sixteen, will restrict heading practice in training from the start of next month. The league says the rules are among the strictest in the country for grassroots football.",
      "The changes follow a two-year consultation in which the league surveyed coaches, referees and about 2,000 parents. Most respondents supported limits, though a sizeable minority of coaches said they feared children would be less prepared for the older age groups.",
      "Under the new rules:",
      {
        list: [
          "No heading practice at all in training for players aged under 12.",
          "For under-14s, no more than one session a month with heading drills, capped at ten headers per player.",
          "Lighter, size-four balls to be used for any heading practice up to under-14 level.",
          "Every club must name a welfare officer trained to spot the signs of concussion.",
        ],
      },
      "Heading will remain legal in matches at every age. The league's chair, Patrick Ndiaye, said it would review the data after a full season and publish the findings on its [website](https://example.org/junior-league-heading-review).",
      "Coaches will be offered a free evening workshop on alternative drills. The first, at a leisure centre in Catford, is already fully booked.",
    ],
  },
  {
    slug: "ashcombe-athletic-bakery-shirt-sponsor",
    section: "sport",
    kicker: "Football business",
    headline: "Ashcombe Athletic swap a betting firm for a family bakery on the front of their shirts",
    standfirst:
      "The club will take less money from the three-year deal but says supporters asked for a sponsor from their own high street.",
    authors: ["priya-raman", "grace-mensah"],
    tags: ["Football", "Retail", "Jobs"],
    hoursAgo: 45,
    updatedHoursAgo: 40,
    corrections: [
      {
        kind: "correction",
        text: "An earlier version of this article said the bakery had been trading for 80 years. It opened 68 years ago. We are happy to correct this.",
        hoursAgo: 40,
      },
    ],
    body: [
      "Ashcombe Athletic's players will wear the name of **Penrose & Daughters**, a bakery two streets from the ground, on their shirts from next season. The deal replaces a sponsorship with an online betting company that had run for six years.",
      "Neither side would disclose the value of the three-year agreement, but the club's finance director confirmed it was worth *considerably less* than the previous deal. People familiar with the talks put the gap at about £250,000 a year, a significant sum for a club whose annual turnover is around £9m.",
      "Ashcombe said a fan survey last year found that two-thirds of season-ticket holders wanted the club to end its link with gambling. The bakery, which has been run by the same family for 68 years, approached the club after reading about the survey in a supporters' newsletter.",
      "Maria Penrose, who runs the business with her two sisters, said the deal would be paid for partly by opening a stall inside the ground on match days. The bakery expects to take on eight more staff as a result.",
      "Sports finance analysts said the move showed how smaller clubs are weighing reputation against revenue. Several clubs in the lower divisions have signed with local firms in the past two seasons, though most still rely on larger sponsors for the bulk of their commercial income.",
    ],
  },
  {
    slug: "fenland-beat-wessex-downs-last-ball-semi-final",
    section: "sport",
    kicker: "One-day cup",
    headline: "Fenland win a one-day semi-final off the last ball under the floodlights",
    standfirst:
      "Needing three to win from the final delivery, a 19-year-old on debut struck a boundary to send his county to the final.",
    authors: ["grace-mensah"],
    tags: ["Cricket", "Energy"],
    hoursAgo: 62,
    hero: {
      image: "stadium-lights",
      alt: "Illustration of a cricket ground at night lit by tall floodlight towers",
      caption: "The semi-final was the first day-night match of the season at the ground.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Fenland reached the final of the county one-day cup on Wednesday night in the most improbable fashion, when Owen Tarrant, a 19-year-old playing his first senior match, hit the final ball of the game through cover for four.",
      "Chasing 287, Fenland had been 141 for six with sixteen overs left and their supporters had started drifting towards the car park. A stand of 118 between their wicketkeeper, Rafi Chaudry, and the veteran all-rounder Ben Hollis dragged them back into the contest before both fell in the space of four balls.",
      "That left Tarrant, who had been called up only that morning after an illness in the squad, to face Wessex Downs' most experienced bowler with three needed. He said afterwards that he had been told to *just swing and run*.",
      { divider: true },
      "Wessex Downs' captain, Tom Aldous, was gracious in defeat but frustrated by his side's fielding. They dropped four catches, including a simple chance offered by Chaudry on 31.",
      "Fenland will face Northmoor in the final in a fortnight. It is their first appearance in a one-day final for 22 years, and the first to be played under the LED floodlights the county installed in the spring, which it says use less than half the electricity of the old lamps.",
    ],
  },

  // -------------------------------------------------------------- Culture
  {
    slug: "review-the-salt-ledger-cinder-lane-theatre",
    section: "culture",
    kicker: "Theatre review",
    headline: "The Salt Ledger: a quiet family drama that builds to a devastating final scene",
    standfirst:
      "Rosalind Achebe-Hart's new play about three sisters and their late father's fishing business is the best thing at the Cinder Lane Theatre in years.",
    authors: ["eliot-brandt"],
    tags: ["Theatre", "Books"],
    hoursAgo: 86,
    hero: {
      image: "theatre-stage",
      alt: "Illustration of a theatre stage lit by a single spotlight in front of red curtains",
      caption: "The Salt Ledger runs at the Cinder Lane Theatre until the end of next month.",
      credit: "Illustration: London Daily",
    },
    body: [
      "For most of its first act, *The Salt Ledger* seems content to be a gentle play about grief. Three sisters gather in the kitchen of their late father's house on the east coast to sort through his papers, argue about the funeral flowers and avoid the subject of the boat. Then someone finds the ledger, and nothing is gentle again.",
      { h2: "A family's accounts" },
      "Rosalind Achebe-Hart, whose previous plays were staged in rooms above pubs, has written something that is both precisely observed and enormously ambitious. The ledger of the title records fifty years of catches, debts and favours, and each sister reads it as proof of a different story about who their father was.",
      "Mara Kovačić is superb as Jo, the eldest, who stayed behind and ran the business into the ground. Her final monologue, delivered almost in a whisper to an empty chair, had the audience on the night I attended holding its breath.",
      {
        quote:
          "I wanted to write about the things families keep in writing because they can't say them out loud. Every family has a ledger. Most of them just aren't about fish.",
        by: "Rosalind Achebe-Hart, playwright",
      },
      { h2: "Small stage, big ideas" },
      "The production is not flawless. A subplot about a property developer feels bolted on, and the second act runs ten minutes longer than it needs to. But director Samuel Orme's staging, with a single kitchen table that slowly fills with paper, is beautifully judged. Tickets are available from the [theatre's box office](https://example.org/cinder-lane/salt-ledger), and the script has been published in paperback.",
    ],
  },
  {
    slug: "mireille-oduya-retrospective-wharfside-gallery",
    section: "culture",
    kicker: "Exhibition review",
    headline: "Mireille Oduya's retrospective shows a painter who never stopped looking at rivers",
    standfirst:
      "Sixty works spanning four decades fill the Wharfside Gallery in the first major survey of an artist long admired by other artists.",
    authors: ["eliot-brandt"],
    tags: ["Art", "Education"],
    hoursAgo: 110,
    body: [
      "Mireille Oduya has painted the same stretch of river, more or less, for forty years. The first major retrospective of her work, which opens this week at the Wharfside Gallery, makes a persuasive case that this was never repetition but a lifetime's patient argument with light.",
      "The exhibition begins with small, muddy oil sketches made in the early years, when Oduya was working nights as a hospital cleaner and painting on the towpath at dawn. By the third room the canvases have grown to the size of garage doors and the colours have become almost unbearable: violet water, lemon sky, a single black barge.",
      {
        image: "gallery-hall",
        alt: "Illustration of a bright gallery hall with large paintings hung on white walls and visitors looking at them",
        caption: "The largest room of the retrospective holds Oduya's eight 'Tide Tables' canvases.",
        credit: "Illustration: London Daily",
      },
      "The centrepiece is *Tide Tables*, a sequence of eight paintings made over a single year, one for each of the river's moods as she saw them. Hung together for the first time, they are the strongest argument for Oduya's place among the most important landscape painters of her generation.",
      "If there is a weakness, it is that the curators have been too reverent. Wall texts quote the artist at length but say little about the critics and collectors who ignored her for so long, a story that would have added some welcome edge.",
      "The exhibition runs until the autumn. Entry is free on weekday evenings, and the gallery has published a [large-print guide](https://example.org/wharfside/oduya-guide) for visitors with low vision. Schools can book free guided workshops, led by art students, on weekday mornings.",
    ],
  },
  {
    slug: "night-bus-novel-wins-first-novel-prize",
    section: "culture",
    kicker: "Book prize",
    headline: "A debut novel written on the night bus wins the Meridian First Novel Prize",
    standfirst:
      "Kofi Lindgren drafted most of 'The Last Stop Is Always Somewhere' on his phone during a two-hour commute home from a warehouse shift.",
    authors: ["eliot-brandt"],
    tags: ["Books", "Transport"],
    hoursAgo: 150,
    body: [
      "Kofi Lindgren wrote the first draft of his debut novel in the notes app of his phone, on the top deck of the N-route night bus between a distribution warehouse and his flat on the edge of the city. On Thursday evening *The Last Stop Is Always Somewhere* won the £20,000 Meridian First Novel Prize.",
      "The book follows a single overnight journey and the eleven passengers who board along the way, each chapter told from a different seat. The judges called it *a tender, furious, very funny portrait of a city that works while it sleeps*.",
      {
        quote:
          "I used to think writers had desks and quiet rooms. I had a seat over the back wheel and a man eating chips next to me. It turns out that's enough.",
        by: "Kofi Lindgren, winner of the Meridian First Novel Prize",
      },
      "Lindgren, 34, sent the manuscript to eleven agents and was rejected by all of them before a small independent press in Leeds picked it up from an open submissions window. It has since sold more than 30,000 copies, largely by word of mouth.",
      "He beat a shortlist of five that included a historical novel set in a Victorian glassworks and a thriller narrated by a lighthouse. Lindgren said he would use part of the prize money to go part-time at the warehouse, but would keep taking the bus.",
    ],
  },
  {
    slug: "marshgate-sessions-festival-plays-on-through-rain",
    section: "culture",
    kicker: "Festival review",
    headline: "Marshgate Sessions festival plays on through a weekend of rain",
    standfirst:
      "Mud, ponchos and a headline set moved into a circus tent could not dampen the best line-up the small east London festival has assembled.",
    authors: ["eliot-brandt"],
    tags: ["Music", "Climate"],
    hoursAgo: 200,
    hero: {
      image: "rain-street",
      alt: "Illustration of a rainy street at night with umbrellas and reflections of coloured lights on the wet ground",
      caption: "Festival-goers queued in the rain outside the main gates on Saturday.",
      credit: "Illustration: London Daily",
    },
    body: [
      "By mid-afternoon on Saturday, the main field at the Marshgate Sessions was more pond than meadow. Organisers laid down straw, then wooden boards, then gave up and moved the evening's headliner, the seven-piece soul band **The Halloway Assembly**, into the circus tent normally reserved for cabaret.",
      "It turned out to be the best decision of the weekend. Squeezed together, soaked and steaming, about 2,000 people sang every word of *Brick by Brick* back at the band, and the singer, Tamsin Okoro, finished the set standing on a hay bale in the middle of the crowd.",
      {
        pull: "We've played fields and we've played arenas. We've never played a swamp before. I'd do it again tomorrow.",
        by: "Tamsin Okoro",
      },
      "Elsewhere, the folk duo Fennimore & Vale were a quiet highlight on the Sunday morning stage, and the Glasgow producer known as Lowtide played a set of rain-inspired electronica that felt almost too appropriate.",
      "The festival's director said the weekend had cost an extra £40,000 in ground protection and that insurance for outdoor events was becoming harder to find as summers grew wetter. Next year, she said, more of the festival would move under cover.",
    ],
  },
  {
    slug: "musical-harbour-lights-closes-early-west-end",
    section: "culture",
    kicker: "West End",
    headline: "Musical 'Harbour Lights' to close four months early as rising costs bite",
    standfirst:
      "Producers blame energy bills and a slow spring for the early closure of a show that opened to warm reviews last autumn.",
    authors: ["eliot-brandt", "priya-raman"],
    tags: ["Theatre", "Jobs", "Energy"],
    hoursAgo: 260,
    hero: {
      image: "theatre-stage",
      alt: "Illustration of an empty theatre stage with a velvet curtain half drawn and rows of red seats",
      caption: "Harbour Lights will give its final performance at the end of next month.",
      credit: "Illustration: London Daily",
    },
    body: [
      "*Harbour Lights*, the musical about a family-run seaside hotel that opened in the West End last October, will close at the end of next month, four months earlier than planned. Its producers said the show had been playing to houses about 70 per cent full, short of the 80 per cent needed to break even.",
      { h2: "The cost of keeping the lights on" },
      "The production's running costs have risen by about a fifth since it was budgeted two years ago, according to figures shared with the cast. Energy for lighting, sound and heating a Victorian theatre accounts for much of the increase, along with higher rents for the building and insurance.",
      {
        quote:
          "We had the reviews, we had the audience on Saturday nights. What we didn't have was enough people on a wet Tuesday in March. That's the whole business in one sentence.",
        by: "Imogen Farrow, lead producer of Harbour Lights",
      },
      "About 90 people will lose their jobs when the show closes, including a cast of 24, musicians, technicians and front-of-house staff. The producers said everyone would be paid to the end of their contracts and that they were trying to place crew on other productions.",
      { h2: "A warning for mid-sized shows" },
      "Theatre economists said *Harbour Lights* was typical of a squeeze on mid-sized productions that are neither large enough to attract tourist coach parties nor small enough to run cheaply. Several have closed early in the past year, while the biggest long-running musicals continue to sell well.",
      "The producers have not ruled out a regional tour. A cast recording, made in January, will be released next week.",
    ],
  },
  {
    slug: "rooftop-sculpture-trail-tube-stations",
    section: "culture",
    kicker: "Public art",
    headline: "Twelve sculptures will appear on station rooftops along one Tube line this summer",
    standfirst:
      "The free trail invites passengers to look up, and has been designed so that every piece can be seen from a train window.",
    authors: ["eliot-brandt"],
    tags: ["Art", "Transport"],
    hoursAgo: 330,
    hero: {
      image: "city-skyline",
      alt: "Illustration of a city skyline with tall buildings and a train crossing a bridge in the foreground",
      caption: "The trail follows the overground stretch of the line through north-west London.",
      credit: "Illustration: London Daily",
    },
    body: [
      "Passengers on one of London's most crowded Tube lines will be encouraged to look up from their phones this summer, when twelve new sculptures are installed on the roofs of stations along its overground stretch. The trail, called *Skyward*, is free and will stay in place until the end of October.",
      "The works were chosen from more than 600 proposals. Among them are a flock of enamelled tin pigeons by the Margate-based artist Della Rhys-Abara, a giant folded paper boat in weathered steel, and a clock whose hands move at the speed of the trains passing underneath.",
      {
        quote:
          "Most public art asks you to stop and stand in front of it. We wanted art you could see at forty miles an hour on your way to work, and then see again on the way home.",
        by: "Jasper Lindell-Moore, curator of Skyward",
      },
      "Each sculpture had to pass the same safety tests as any other structure on railway property, which ruled out anything that moved in the wind or reflected sunlight towards drivers. Engineers spent a year surveying which station roofs could bear the weight.",
      "A printed map will be available at stations along the line, and an audio guide can be downloaded from the [trail website](https://example.org/skyward-trail). The organisers hope to extend the project to a second line next year.",
    ],
  },
  {
    slug: "estate-brass-band-records-first-album",
    section: "culture",
    kicker: "Community music",
    headline: "A brass band formed on a housing estate records its first album in a church hall",
    standfirst:
      "The Aldgrove Youth Brass began as an after-school club with six borrowed instruments and now has more than fifty members.",
    authors: ["eliot-brandt"],
    tags: ["Music", "Education"],
    hoursAgo: 400,
    body: [
      "Nine years ago the Aldgrove Youth Brass was six children, one retired music teacher and a handful of dented cornets borrowed from a band that had folded in the 1990s. This month its 53 members, aged from nine to nineteen, will release their first album, recorded over three weekends in the hall of St Barnabas church on the edge of their estate.",
      "The record, *Concrete & Copper*, mixes traditional brass band marches with arrangements of songs the players chose themselves, including a slowed-down version of a grime track that the band's conductor admits she had to have explained to her twice.",
      "The band rehearses twice a week in a community centre and charges nothing to join. Instruments are lent free for as long as a player wants them, funded by concerts, a local charitable trust and an annual sponsored march around the estate.",
      "Several former members have gone on to study music at conservatoires, and one now plays trombone in a regional orchestra. But the conductor, Winifred Ashdown, said the point had never been to produce professionals, rather to give children somewhere to go on a Tuesday evening.",
      "The album will be launched with a free concert in the church hall next Saturday. Copies are available on vinyl and through the band's [website](https://example.com/aldgrove-brass), with proceeds going towards a new set of tubas.",
    ],
  },
];
