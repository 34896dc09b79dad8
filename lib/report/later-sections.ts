import type { AppContext } from "../app-context";
import { loadArchiveSection } from "./archive-section";
import {
  loadDrillSection,
  loadFlipSection,
  loadParitySection,
  loadScanSection,
  loadShadowSection,
} from "./recorded-sections";
import type { EvidenceSection } from "./types";

/** Steps 4–6's evidence, each section from what its engine recorded (or saying nothing is yet). */
type SectionLoader = (ctx: AppContext) => Promise<EvidenceSection>;

export const LATER_SECTION_LOADERS: readonly SectionLoader[] = [
  loadParitySection,
  loadShadowSection,
  loadDrillSection,
  loadScanSection,
  loadFlipSection,
  loadArchiveSection,
];

export function loadLaterSections(ctx: AppContext): Promise<EvidenceSection[]> {
  return Promise.all(LATER_SECTION_LOADERS.map((load) => load(ctx)));
}
