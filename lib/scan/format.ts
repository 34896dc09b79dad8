import { FINDING_KINDS, type FindingKind } from "./kinds";
import type { ScanFinding } from "./types";

export type FindingGroup = { folder: string; kinds: Array<{ kind: FindingKind; findings: ScanFinding[] }> };

/** Findings by folder (in report order), then by kind (most specific first), as the panel and the CLI show them. */
export function groupFindings(findings: ScanFinding[]): FindingGroup[] {
  const groups: FindingGroup[] = [];
  for (const finding of findings) {
    let group = groups.find((g) => g.folder === finding.folder);
    if (!group) groups.push((group = { folder: finding.folder, kinds: [] }));
    let byKind = group.kinds.find((k) => k.kind === finding.kind);
    if (!byKind) group.kinds.push((byKind = { kind: finding.kind, findings: [] }));
    byKind.findings.push(finding);
  }
  for (const group of groups) group.kinds.sort((a, b) => FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind));
  return groups;
}

/** `file:line`, or the file alone for a finding about the whole file. */
export function findingLocation(finding: Pick<ScanFinding, "file" | "line">): string {
  return finding.line > 0 ? `${finding.file}:${finding.line}` : finding.file;
}
