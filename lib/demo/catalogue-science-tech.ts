import type { Theme } from "./catalogue";

// Fictional channels and videos written to read like a real YTV2 library. One video per
// line: "title | what the video does (completes 'The video …') | key point; key point; key point".
export const SCIENCE_TECH_THEMES: Theme[] = [
  {
    category: "Technology",
    subcategories: ["AI", "Machine Learning"],
    channels: ["Signal & Noise", "The Applied Layer"],
    bullet: "- ",
    topics: ["large language models", "retrieval", "evaluation", "fine-tuning", "agents"],
    entities: ["OpenAI", "Anthropic", "Hugging Face", "PyTorch"],
    context:
      "The presenter keeps the maths light and leans on worked examples, contrasting what the benchmarks suggest with what actually happens once a model meets messy production data.",
    videos: `
Retrieval-Augmented Generation, Explained Without the Hype | walks through how RAG grounds a language model in your own documents and where it quietly fails | chunk size matters more than the embedding model; always log the retrieved passages; evaluate answers against a fixed question set
I Fine-Tuned a 7B Model on My Notes — Here's What Happened | documents a weekend spent fine-tuning a small open model on personal notes and measuring the result honestly | LoRA adapters cut memory use to a single GPU; the model learned tone faster than facts; retrieval still beat fine-tuning for recall
Why AI Agents Keep Getting Stuck in Loops | dissects the failure modes of tool-using agents and the guardrails that keep them productive | cap the number of steps explicitly; give tools narrow, typed inputs; write the plan down before acting
How Tokenizers Shape What a Model Can Learn | explains byte-pair encoding and why token boundaries leak into arithmetic, spelling and multilingual quality | numbers are split unpredictably; rare languages pay a token tax; vocabulary size is a trade-off with context length
Evaluating LLMs: Benchmarks vs. Real Tasks | compares public leaderboards with a small task-specific evaluation built in an afternoon | leaderboards saturate quickly; twenty hand-written cases catch most regressions; grade with rubrics, not vibes
Running a Local Model on a Mini PC | benchmarks quantised open models on a fanless mini PC and a used workstation GPU | 4-bit quantisation keeps most of the quality; memory bandwidth decides tokens per second; idle power matters for always-on setups`,
  },
  {
    category: "Technology",
    subcategories: ["Programming", "Databases"],
    channels: ["Byte Sized Engineering", "Code with Maren"],
    bullet: "• ",
    topics: ["PostgreSQL", "SQLite", "TypeScript", "Rust", "performance"],
    entities: ["PostgreSQL", "SQLite", "TypeScript", "Rust"],
    context:
      "Each claim is backed by a small benchmark shown on screen, and the video ends with a checklist viewers can apply to their own projects.",
    videos: `
SQLite Is Not a Toy Database | makes the case for SQLite in production and shows where its single-writer design starts to hurt | WAL mode allows readers during writes; backups should use the online backup API; one writer at a time is a design constraint, not a bug
Postgres Indexes: B-tree, GIN, and When to Use Each | compares the index types PostgreSQL offers using one realistic dataset | GIN suits JSONB containment queries; partial indexes keep hot paths small; EXPLAIN ANALYZE beats guessing
Migrating From SQLite to PostgreSQL Without Downtime | walks through a dual-write migration with verification at every stage | snapshot first, then copy; compare row hashes, not counts alone; keep a rollback path until the final switch
TypeScript Generics Finally Made Sense to Me | builds up generics from a plain function to constrained, inferred helpers | let inference do the work; constrain with extends; avoid generics that appear only once
Rust Ownership in 15 Minutes | explains ownership, borrowing and lifetimes with diagrams instead of jargon | each value has one owner; borrows are either shared or exclusive; lifetimes describe, they do not extend
The Hidden Cost of ORMs | measures query counts and latency of a typical ORM-backed page before and after small fixes | N+1 queries hide in loops; select only the columns you render; raw SQL is fine for reports`,
  },
  {
    category: "Technology",
    subcategories: ["Hardware", "Home Lab"],
    channels: ["Rack & Rail", "Quiet Homelab"],
    bullet: "- ",
    topics: ["NAS", "ZFS", "backups", "power efficiency", "networking"],
    entities: ["Synology", "TrueNAS", "Raspberry Pi", "Ubiquiti"],
    context:
      "Power draw is measured at the wall throughout, and the presenter is candid about which upgrades were worth the money and which were not.",
    videos: `
My Home Server Uses 9 Watts — Full Build | builds a low-power home server around a mobile CPU and explains each part choice | idle power dominates the yearly bill; fewer, larger drives save watts; spin-down is worth configuring
ZFS Snapshots Saved My Data (Twice) | recounts two near-disasters and how ZFS snapshots and replication recovered everything | snapshots are not backups until replicated; test restores on a schedule; keep one copy offline
The 3-2-1 Backup Rule in Practice | turns the 3-2-1 rule into a concrete setup with a NAS, a cloud bucket and a cold drive | automate the boring copies; encrypt before upload; verify checksums after every run
Raspberry Pi 5 as a Network Appliance | tests the Pi 5 as a router, DNS filter and VPN endpoint under real household load | the NVMe hat removes the SD card bottleneck; WireGuard throughput is plenty for most homes; cooling is mandatory
10GbE at Home: Worth It? | measures real-world transfer speeds after upgrading a small home network to 10 gigabit | drives, not the network, became the bottleneck; SFP+ with DAC cables runs cooler; only the NAS link really needed it
Why Your NAS Should Not Sync Databases | shows how file-level sync corrupts or silently reverts live database files | never sync a database file while it is open; replace whole-file copies with a proper server; keep an audit trail of deletions`,
  },
  {
    category: "Science",
    subcategories: ["Astronomy", "Physics"],
    channels: ["Deep Field", "Pale Blue Lab"],
    bullet: "• ",
    topics: ["exoplanets", "dark matter", "telescopes", "black holes", "cosmology"],
    entities: ["James Webb Space Telescope", "NASA", "ESA", "Vera Rubin Observatory"],
    context:
      "Archival footage and simple animations carry the explanation, and the video is careful to separate what is measured from what is inferred.",
    videos: `
What Webb Actually Found in Its First Three Years | reviews the most significant James Webb discoveries and how they changed textbook models | early galaxies formed faster than expected; exoplanet atmospheres are now measurable; some results await confirmation
How We Weigh a Black Hole | explains the three independent methods astronomers use to measure black hole masses | stellar orbits give the cleanest answer; gas dynamics work farther away; gravitational waves measure mergers directly
The Hubble Tension, Simply Explained | lays out why two precise measurements of the universe's expansion rate disagree | early- and late-universe methods differ by about eight percent; systematic errors are being ruled out one by one; new physics is possible but unproven
Dark Matter: The Evidence in Five Plots | walks through rotation curves, lensing and the cosmic microwave background as evidence for dark matter | rotation curves stay flat far from galactic centres; lensing maps mass directly; alternatives struggle with clusters
Could We Detect Life on an Exoplanet? | examines which atmospheric signatures would count as evidence of life and which could fool us | oxygen alone is not enough; look for chemical disequilibrium; false positives come from geology and starlight
The Rubin Observatory Will Change Astronomy | previews the survey telescope that will image the whole southern sky every few nights | it will produce terabytes of data every night; alerts go out within a minute; asteroids and supernovae are early targets`,
  },
  {
    category: "Science",
    subcategories: ["Biology", "Neuroscience"],
    channels: ["Cell & Circuit", "Field Notes Biology"],
    bullet: "- ",
    topics: ["genetics", "the brain", "evolution", "microbiome", "CRISPR"],
    entities: ["CRISPR", "Broad Institute", "Charles Darwin", "NIH"],
    context:
      "Interviews with two researchers anchor the video, and the narration flags clearly where the science is settled and where it is still debated.",
    videos: `
How CRISPR Therapies Reached Patients | traces gene editing from a bacterial immune system to the first approved therapies | the first approvals target blood disorders; delivery remains the hardest problem; costs limit access for now
Your Gut Microbiome, Beyond the Headlines | separates solid microbiome findings from overhyped supplement claims | diversity tracks diet more than pills; most probiotics do not colonise; fibre feeds the helpful species
How Memories Are Stored and Rewritten | explains memory consolidation and why recalling a memory can change it | sleep consolidates new memories; recall makes memories editable; emotion strengthens encoding
Evolution Is Happening Faster Than You Think | presents documented cases of rapid evolution in cities, islands and labs | lizards adapted within decades; urban birds changed song pitch; bacteria evolve resistance in days
Why Octopuses Are So Smart | explores octopus cognition and its radically different nervous system | most neurons sit in the arms; problem solving evolved independently; short lifespans limit learning
The Science of Ageing in Ten Minutes | summarises the hallmarks of ageing and which interventions have evidence in humans | exercise has the strongest evidence; caloric restriction data comes mostly from animals; senolytics are early-stage`,
  },
  {
    category: "Science",
    subcategories: ["Climate", "Energy"],
    channels: ["Carbon Brief Notes", "Grid Explained"],
    bullet: "• ",
    topics: ["renewables", "batteries", "heat pumps", "grid storage", "emissions"],
    entities: ["IEA", "IPCC", "Tesla", "National Grid"],
    context:
      "Charts from public datasets are shown on screen, and the presenter revisits last year's predictions to check which held up.",
    videos: `
Heat Pumps Explained by an Engineer | explains how heat pumps move heat and what determines their efficiency in cold climates | efficiency drops but stays above resistive heating; sizing and insulation matter most; noise is a solvable installation issue
Grid Batteries Are Growing Faster Than Solar | looks at why grid-scale storage deployments are accelerating and what they are used for | batteries earn money on price swings; four-hour systems dominate new builds; long-duration storage is still expensive
What Happens to Old Solar Panels? | follows panels through recycling and explains what can be recovered | glass and aluminium are easy to recover; silver is the valuable part; most panels will retire after 2030
The Real Carbon Footprint of an EV | compares lifecycle emissions of electric and petrol cars across different electricity grids | battery production front-loads emissions; the payback happens within two years on most grids; smaller batteries pay back faster
How the Grid Balances Every Second | explains frequency, inertia and the reserves that keep the grid stable | frequency reveals the balance instantly; inverters can now provide synthetic inertia; interconnectors share reserves
Is Nuclear Fusion Finally Close? | assesses recent fusion milestones against the engineering still required for power plants | ignition was achieved for an instant; tritium supply is a bottleneck; commercial plants remain decades away`,
  },
  {
    category: "Health",
    subcategories: ["Sleep", "Fitness"],
    channels: ["Evidence Fit", "The Rest Lab"],
    bullet: "- ",
    topics: ["sleep", "strength training", "zone 2 cardio", "recovery", "habits"],
    entities: ["WHO", "Matthew Walker", "American College of Sports Medicine"],
    context:
      "Each recommendation is tied to a cited study, and the presenter notes where the evidence is strong and where it is still preliminary.",
    videos: `
The Minimum Effective Dose of Exercise | summarises how little weekly exercise produces most of the health benefit | about 150 minutes of moderate activity covers most benefit; two strength sessions a week matter; something beats nothing
Zone 2 Training Without the Gadgets | explains low-intensity cardio and how to find the right pace without a lab test | you should be able to talk in full sentences; consistency beats intensity; mix in one hard session a week
Why You Wake Up at 3 a.m. | explains sleep cycles, cortisol and the habits that fragment sleep | alcohol fragments the second half of the night; a fixed wake time anchors the rhythm; brief awakenings are normal
Strength Training After 40 | covers how to start or resume lifting safely in middle age | progressive overload still works; prioritise form and recovery; protein needs rise with age
Do Sleep Trackers Actually Help? | compares consumer sleep trackers against lab measurements | total sleep time is roughly right; sleep stages are estimates; obsessing over scores can worsen sleep
Stretching: What the Research Says | reviews what stretching can and cannot do for injury prevention and mobility | static stretching before lifting does not prevent injury; mobility improves with regular practice; warm-ups should be dynamic`,
  },
];
