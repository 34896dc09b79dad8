import type { AppContext } from "../app-context";
import { loadArchiveSection } from "./archive-section";
import type { EvidenceSection } from "./types";

/**
 * Steps 4–6's evidence. Their engines record nothing in the control DB yet, so each section says
 * so; an engine fills its section by replacing its loader here (the renderer needs no change).
 */
type SectionLoader = (ctx: AppContext) => Promise<EvidenceSection>;

function notRunYet(id: EvidenceSection["id"], title: string, what: string): SectionLoader {
  return async () => ({ id, title, state: "not_run", note: `Not run yet: ${what}.`, lines: [], tables: [] });
}

export const LATER_SECTION_LOADERS: readonly SectionLoader[] = [
  notRunYet("parity", "Parity runs (step 4)", "no parity run is recorded"),
  notRunYet("shadow", "Shadow read (step 4)", "no shadow read is recorded"),
  notRunYet("drill", "Delete drill (step 5)", "no delete drill is recorded"),
  notRunYet("scan", "Sync-code scan findings (step 5)", "no scan of the NAS and Dashboard code is recorded"),
  notRunYet("flip", "Flip verification (step 5)", "read_from_postgres has not been flipped"),
  loadArchiveSection,
];

export function loadLaterSections(ctx: AppContext): Promise<EvidenceSection[]> {
  return Promise.all(LATER_SECTION_LOADERS.map((load) => load(ctx)));
}
