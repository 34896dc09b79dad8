import { canonicalJson, sha256Hex } from "@/lib/common/canonical-json";

/**
 * What the shadow read finds (DESIGN.md step 4, YTV2-CONTRACT.md §3): each difference between
 * the Dashboard as the SQLite era rendered it and as the PostgreSQL era will, classified, never
 * passed silently. A finding's fingerprint names what differs and not when it was seen, so the
 * owner's acknowledgement holds across runs while the difference stays the same, and a run that
 * finds something else reopens it.
 */
export const FINDING_KINDS = ["ordering", "not_listed", "newly_listed", "field", "facet", "detail"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const KIND_TITLES: Record<FindingKind, string> = {
  ordering: "same cards, different order",
  not_listed: "listed by the SQLite-era Dashboard, not by the PostgreSQL era",
  newly_listed: "listed by the PostgreSQL era only",
  field: "a card field shows a different value",
  facet: "a facet count differs",
  detail: "a detail page differs",
};

export function isFindingKind(value: string): value is FindingKind {
  return (FINDING_KINDS as readonly string[]).includes(value);
}

export type Finding = {
  kind: FindingKind;
  /** the view it was seen in: "list sort=added_desc", "list category=Science", "facet language", "detail <id>", "card" */
  view: string;
  videoId: string | null;
  /** the card field or facet value it is about */
  field: string | null;
  sqlite: unknown;
  postgres: unknown;
  /** one line for the owner */
  detail: string;
  fingerprint: string;
};

export function fingerprintOf(parts: unknown[]): string {
  return sha256Hex(canonicalJson(parts)).slice(0, 32);
}

export function finding(input: Omit<Finding, "fingerprint">, identity: unknown[]): Finding {
  return { ...input, fingerprint: fingerprintOf([input.kind, input.view, ...identity]) };
}

export type FindingGroup = { kind: FindingKind; title: string; count: number; examples: Finding[] };

/** Findings by kind, in FINDING_KINDS order, with the first few of each as examples. */
export function groupFindings(findings: Iterable<Finding>, examples = 5): FindingGroup[] {
  const groups = new Map<FindingKind, FindingGroup>();
  for (const f of findings) {
    let group = groups.get(f.kind);
    if (!group) groups.set(f.kind, (group = { kind: f.kind, title: KIND_TITLES[f.kind], count: 0, examples: [] }));
    group.count++;
    if (group.examples.length < examples) group.examples.push(f);
  }
  return FINDING_KINDS.flatMap((kind) => groups.get(kind) ?? []);
}
