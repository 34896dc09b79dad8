import type { AppContext } from "../../lib/app-context";
import {
  codeFoldersToScan,
  findingLocation,
  groupFindings,
  KIND_TITLES,
  scanCodeFolders,
  type FolderScan,
  type ScanReport,
} from "../../lib/scan";
import { createProgressPrinter, printJson } from "../output";
import { countOf } from "@/lib/common/plural";

export type ScanCommandOptions = { dirs: string[]; json: boolean };

const out = (line: string) => process.stdout.write(`${line}\n`);

function gitLine(folder: FolderScan): string {
  switch (folder.git.state) {
    case "repository":
      return `git repository, ${countOf(folder.git.databaseFiles, "database file")} in it or its history`;
    case "not-a-repository":
      return "not a git repository";
    case "skipped":
      return "git not checked";
    case "failed":
      return `git history NOT checked: ${folder.git.detail}`;
  }
}

export function printReport(report: ScanReport) {
  const groups = groupFindings(report.findings);
  for (const folder of report.folders) {
    out(
      `${folder.label} (${folder.dir}): ${countOf(folder.files, "file")} read, ${countOf(folder.findings, "finding")}; ${gitLine(folder)}`,
    );
    if (folder.unreadable.length > 0) out(`  could not read: ${folder.unreadable.join(", ")}`);
    for (const { kind, findings } of groups.find((g) => g.folder === folder.label)?.kinds ?? []) {
      out(`  ${kind}: ${KIND_TITLES[kind]}`);
      for (const finding of findings) {
        const [first, ...more] = finding.snippet.split("\n");
        out(`    ${findingLocation(finding)}  ${kind}  ${first}${more.length > 0 ? " …" : ""}`);
        out(`      ${finding.why}`);
      }
    }
  }
  const count = report.findings.length;
  const folders = countOf(report.folders.length, "folder");
  if (count > 0)
    out(
      `Sync-code scan: ${countOf(count, "finding")} in ${folders}; the cutover's gate needs each one fixed or acknowledged.`,
    );
  else if (!report.complete)
    out(`Sync-code scan: no sync code in what was read, but the scan of ${folders} is incomplete (see above).`);
  else out(`Sync-code scan: no sync code found in ${folders}.`);
}

/**
 * `cutover scan [<dir>…] [--json]`: the sync-code scan of step 5 on the named folders, else on
 * NAS_CODE_DIR and DASHBOARD_CODE_DIR. Reads only. Exit 0 only when every folder was read
 * completely and nothing was found; a missing or unreadable folder is refused in one line.
 */
export async function scanCommand(ctx: Pick<AppContext, "env">, { dirs, json }: ScanCommandOptions) {
  const folders = codeFoldersToScan(ctx.env.codeDirs, dirs);
  const report = await scanCodeFolders(folders, { onProgress: createProgressPrinter() });
  if (process.stderr.isTTY) process.stderr.write("\n");
  const ok = report.findings.length === 0 && report.complete;
  if (json) printJson({ ok, folders: report.folders, findings: report.findings });
  else printReport(report);
  if (!ok) process.exitCode = 1;
}
