import path from "node:path";
import { OwnerFacingError } from "@/lib/workflow/types";
import type { ScanFolder } from "./types";

export type CodeDirs = { nas?: string; dashboard?: string };

/**
 * The folders a scan reads: those named (by the CLI or the panel), else NAS_CODE_DIR and
 * DASHBOARD_CODE_DIR. A named folder that is a configured one keeps its name ("NAS",
 * "Dashboard"), so its findings' fingerprints, and the owner's acknowledgements, stay the same;
 * any other is labelled by its absolute path, the same from whatever directory it is named.
 */
export function codeFoldersToScan(configured: CodeDirs, named: string[], cwd = process.cwd()): ScanFolder[] {
  if (named.length > 0)
    return named.map((dir) => {
      const abs = path.resolve(cwd, dir);
      const label = abs === configured.nas ? "NAS" : abs === configured.dashboard ? "Dashboard" : abs;
      return { label, dir: abs };
    });
  const folders: ScanFolder[] = [];
  if (configured.nas) folders.push({ label: "NAS", dir: configured.nas });
  if (configured.dashboard) folders.push({ label: "Dashboard", dir: configured.dashboard });
  if (folders.length === 0)
    throw new OwnerFacingError(
      "No code folder to scan: set NAS_CODE_DIR and DASHBOARD_CODE_DIR, or name the folders (cutover scan <dir>…).",
      "scan_folder",
    );
  return folders;
}
