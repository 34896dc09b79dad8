import type { Theme } from "./catalogue";

// Same line format as catalogue-science-tech.ts.
export const BUSINESS_EDUCATION_THEMES: Theme[] = [
  {
    category: "Business",
    subcategories: ["Startups", "Product Management"],
    channels: ["Founder Mode Weekly", "The Product Loop"],
    bullet: "• ",
    topics: ["product-market fit", "pricing", "hiring", "fundraising", "customer interviews"],
    entities: ["Y Combinator", "Stripe", "Basecamp", "Paul Graham"],
    context:
      "The host draws on interviews with founders of small, profitable companies rather than headline unicorns, which keeps the advice grounded.",
    videos: `
How to Run a Customer Interview That Isn't Useless | teaches a script for customer interviews that surfaces real problems instead of polite compliments | ask about past behaviour, not future intent; never pitch during discovery; write notes within an hour
Pricing Your SaaS: Lessons From 40 Founders | collects pricing mistakes and fixes from forty small software companies | most founders charge too little; annual plans improve cash flow; raise prices for new customers first
The First Ten Hires at a Bootstrapped Company | follows the hiring order of a bootstrapped startup and why it worked | hire for the bottleneck you feel today; write the job down before posting; the first support hire shapes the culture
Why Most Roadmaps Are Fiction | argues for outcome-based planning over feature lists with dates | commit to problems, not features; review bets every six weeks; say no in writing
Fundraising in a Down Market | explains how investor expectations changed and how founders adapted | default alive beats growth at all costs; smaller rounds close faster; revenue quality matters more than revenue size
From Side Project to Company in 18 Months | tells the story of a side project that became a small profitable business | charge from the first week; keep the scope painfully narrow; automate support before hiring for it`,
  },
  {
    category: "Business",
    subcategories: ["Investing", "Personal Finance"],
    channels: ["Plain Money", "Index & Chill"],
    bullet: "- ",
    topics: ["index funds", "inflation", "interest rates", "budgeting", "retirement"],
    entities: ["Vanguard", "Federal Reserve", "ECB", "S&P 500"],
    context:
      "The video avoids stock tips entirely and sticks to principles that hold across markets, with a reminder that none of it is personal financial advice.",
    videos: `
Index Funds vs. Picking Stocks: 20 Years of Data | compares two decades of active fund performance with simple index funds | most active funds trail their index after fees; costs compound like returns; diversification is the only free lunch
What Higher Interest Rates Mean for You | explains how central bank rates flow through to mortgages, savings and jobs | variable-rate debt reprices first; savings rates lag policy rates; rate cuts take a year to bite
The Budget That Actually Stuck | presents a three-bucket budgeting method and a year of real results | automate savings on payday; give every euro a job; review monthly, not daily
Inflation Explained With a Shopping Basket | builds an inflation index from a real shopping basket to show how the official number works | official baskets are weighted by spending; personal inflation can differ a lot; wages lagged prices for two years
How Much Do You Need to Retire? | works through the four-percent rule and its limitations | sequence of returns risk dominates early retirement; flexible spending stretches savings; pensions change the maths completely
Emergency Funds: How Big, Where to Keep Them | explains how to size an emergency fund and where to hold it | three to six months of essential spending is a start; keep it boring and liquid; rebuild it before investing more`,
  },
  {
    category: "Education",
    subcategories: ["Learning", "Productivity"],
    channels: ["Study Smarter", "Deliberate Practice"],
    bullet: "• ",
    topics: ["spaced repetition", "note-taking", "focus", "memory", "deliberate practice"],
    entities: ["Anki", "Hermann Ebbinghaus", "Cal Newport", "Obsidian"],
    context:
      "The presenter demonstrates each technique live on a real study session, including the parts that felt awkward at first.",
    videos: `
Spaced Repetition: The Only Study Hack With Real Evidence | explains the forgetting curve and how spaced repetition software schedules reviews | short daily sessions beat long cramming; write cards in your own words; delete cards you no longer need
How I Take Notes on YouTube Videos | shows a workflow for turning long videos into searchable, linked notes | summarise in your own words first; link notes to questions, not topics; revisit within a week
Deep Work in a Shallow Office | adapts deep-work principles to a job full of meetings and chat | block focus time in the calendar; batch messages twice a day; measure output, not hours
The Feynman Technique, Tested | tries the Feynman technique on a hard topic and reports what worked | explaining exposes gaps quickly; simple words force real understanding; it works best with a listener
Why Highlighting Doesn't Work | reviews learning research on passive and active study methods | rereading and highlighting feel productive but are weak; retrieval practice is strong; interleaving beats blocked practice
Learning Faster With Deliberate Practice | explains deliberate practice and how to design it for a non-athletic skill | work at the edge of your ability; get immediate feedback; isolate the hardest part`,
  },
  {
    category: "Education",
    subcategories: ["History", "Geography"],
    channels: ["Old Maps New Eyes", "The History Desk"],
    bullet: "- ",
    topics: ["ancient Rome", "trade routes", "the printing press", "empires", "cartography"],
    entities: ["Roman Empire", "Silk Road", "Johannes Gutenberg", "Ottoman Empire"],
    context:
      "Period maps and primary sources appear throughout, and the narrator is careful to say where historians still disagree.",
    videos: `
How the Printing Press Changed Everything | traces the spread of printing across Europe and its effect on religion, science and politics | printing costs fell within one generation; pamphlets fuelled the Reformation; standardised texts helped science
The Silk Road Was Not a Road | explains the network of routes, goods and ideas that made up the Silk Road | most traders covered short segments; ideas and diseases travelled with goods; sea routes mattered as much as land
Why Rome's Roads Lasted 2,000 Years | examines Roman road engineering and its economic and military role | layered foundations drained water; milestones standardised distance; roads moved armies first and trade second
Maps That Lied: Cartography and Power | shows how maps served empires and how projection choices shape perception | the Mercator projection distorts size; blank spaces invited conquest; borders were often drawn far away
The Little Ice Age and Its Consequences | describes the cooler centuries after 1300 and how societies adapted | harvest failures triggered unrest; frost fairs were rare, not routine; volcanoes and solar lows both played a part
How the Ottoman Empire Ran for 600 Years | explains the administrative systems that held a vast, diverse empire together | local autonomy kept order; a professional bureaucracy ran taxation; trade routes funded the state`,
  },
  {
    category: "Education",
    subcategories: ["Languages", "Linguistics"],
    channels: ["Tongue Tied Linguist", "Polyglot Practice"],
    bullet: "• ",
    topics: ["language learning", "grammar", "pronunciation", "etymology", "immersion"],
    entities: ["Stephen Krashen", "Duolingo", "Oxford English Dictionary"],
    context:
      "Examples come from several languages, and the presenter shares recordings of their own early mistakes to make the point.",
    videos: `
Comprehensible Input: Does It Really Work? | evaluates the claim that languages are acquired mainly through understandable input | input builds intuition; speaking practice still speeds fluency; graded readers bridge the gap
Why English Spelling Is So Weird | explains the historical layers behind English spelling irregularities | the Great Vowel Shift changed sounds but not spellings; printers froze conventions early; loanwords kept foreign spellings
How Long Does It Take to Learn a Language? | compares official estimates of learning hours with learner reports | related languages take a fraction of the time; daily exposure matters more than total hours; plateaus are normal
The Surprising History of the Word "OK" | traces "OK" from a nineteenth-century newspaper joke to a global word | it began as an abbreviation joke; a presidential campaign spread it; the telegraph made it international
Accent Reduction vs. Intelligibility | argues that clarity, not accent removal, should be the goal of pronunciation practice | stress and rhythm matter more than individual sounds; shadowing native audio helps; an accent is not an error
Learning Vocabulary in Context | compares word lists with learning vocabulary inside sentences and stories | context aids recall; collocations matter as much as definitions; review words where you met them`,
  },
  {
    category: "Health",
    subcategories: ["Nutrition", "Mental Health"],
    channels: ["Nourish Science", "Calm Mind Clinic"],
    bullet: "- ",
    topics: ["protein", "ultra-processed food", "stress", "meditation", "caffeine"],
    entities: ["Harvard T.H. Chan School of Public Health", "NHS", "EFSA"],
    context:
      "A registered dietitian and a clinical psychologist review the claims, and the video ends with a short list of sources.",
    videos: `
Ultra-Processed Food: What the Evidence Says | reviews the controlled trial and cohort studies behind the ultra-processed food debate | people ate more calories on processed diets; processing category is a blunt tool; fibre and protein improve satiety
How Much Protein Do You Really Need? | explains protein requirements for different ages and activity levels | needs rise with age and training; spreading intake over meals helps; most people eat enough, older adults often do not
Caffeine, Sleep and Anxiety | explains how caffeine works and why timing matters more than total intake | caffeine's half-life is about five hours; afternoon coffee shortens deep sleep; sensitivity varies with genetics
Meditation for Sceptics | presents what meditation research shows without the spiritual framing | ten minutes a day shows measurable effects; benefits resemble other relaxation methods; consistency matters more than technique
Managing Stress Without Burning Out | describes the stress response and practical ways to recover from chronic stress | recovery must be scheduled; physical activity lowers baseline stress; talk to someone before it becomes a crisis
The Truth About Breakfast | examines whether skipping breakfast affects weight, energy or health | breakfast timing matters less than total diet; some people simply are not hungry; quality matters more than timing`,
  },
  {
    category: "Lifestyle",
    subcategories: ["Cooking", "Food Science"],
    channels: ["Weeknight Kitchen Lab", "Salt Fat Science"],
    bullet: "• ",
    topics: ["fermentation", "bread", "knife skills", "meal prep", "Maillard reaction"],
    entities: ["Harold McGee", "J. Kenji López-Alt", "America's Test Kitchen"],
    context:
      "Every recipe is cooked start to finish on camera, with side-by-side tests so viewers can see the difference each step makes.",
    videos: `
Sourdough for Busy People | adapts a sourdough routine to a full-time work schedule | a stiff starter tolerates neglect; cold retard fits around work; weigh ingredients instead of measuring cups
The Maillard Reaction, Demonstrated | demonstrates browning chemistry with steaks, onions and bread | dry surfaces brown faster; too much crowding steams food; a pinch of baking soda speeds onion browning
Meal Prep Without Eating the Same Thing All Week | shows a component-based approach to meal prep that keeps meals varied | prep components, not meals; sauces make repeats feel new; cooked grains keep four days
Knife Skills That Actually Matter | covers the handful of knife techniques that speed up everyday cooking | a sharp knife is safer; the claw grip protects fingers; let the knife do the work
Fermenting Vegetables at Home | walks through lacto-fermentation of cabbage and carrots with safety tips | two percent salt by weight is the baseline; keep vegetables under the brine; sour smell is fine, mould is not
Why Restaurant Food Tastes Better | explains the techniques restaurants use that home cooks skip | they season at every stage; butter and acid finish most dishes; high heat and hot pans matter`,
  },
  {
    category: "Entertainment",
    subcategories: ["Gaming", "Film Analysis"],
    channels: ["Frame by Frame", "Save Point Studies"],
    bullet: "- ",
    topics: ["game design", "storytelling", "cinematography", "indie games", "editing"],
    entities: ["Nintendo", "A24", "Roger Deakins", "Steam"],
    context:
      "The analysis uses clips and gameplay footage to show each idea in action, rather than just describing it.",
    videos: `
Why Indie Games Feel More Personal | explores how small teams turn constraints into distinctive games | limited scope forces a clear core mechanic; personal stories resonate; pixel art is a style, not a shortcut
The Invisible Art of Film Editing | explains the editing choices audiences never notice but always feel | cuts on action hide the seam; reaction shots carry emotion; pacing is built in the edit, not on set
How Great Games Teach Without Tutorials | analyses level design that teaches mechanics through play | the first level isolates one idea; failure should be cheap and informative; players remember what they discover
Lighting a Scene Like Roger Deakins | breaks down motivated lighting in several well-known scenes | every light has a source in the world; darkness is a choice; soft light flatters, hard light tells
The Rise of Cosy Games | looks at why low-stakes games found a huge audience | no fail states lowers anxiety; routine is the reward; community sharing drives discovery
What Makes a Great Movie Trailer | dissects trailer structure and the tricks editors use to build anticipation | three acts in two minutes; music carries the pacing; the best trailers withhold the ending
Speedrunning and the Art of Breaking Games | explains how speedrunners find and use glitches and why communities value them | routes are optimised collaboratively; glitches reveal how engines work; categories keep competition fair`,
  },
];
