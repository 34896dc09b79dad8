import { statfsSync } from "node:fs";
import { ROLE_LABEL } from "@/lib/backup/source-access";
import { OwnerFacingError } from "@/lib/workflow/types";
import type { ArchiveLabel } from "./manifest";

export function errorCode(error: unknown): string {
  return String((error as { code?: unknown })?.code ?? "");
}

export function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

function freeSpace(dir: string): string {
  try {
    const stats = statfsSync(dir);
    return `${formatBytes(stats.bavail * stats.bsize)} free`;
  } catch {
    return "free space unknown";
  }
}

/**
 * A failure writing into the archive folder, as the owner's line; undefined when the error is
 * not about the archive disk (the caller maps source errors itself).
 */
export function archiveDiskError(
  error: unknown,
  label: ArchiveLabel,
  archiveRoot: string,
  what = "archive",
  needsBytes?: number,
): OwnerFacingError | undefined {
  const code = errorCode(error);
  const subject = `the ${ROLE_LABEL[label]} ${what}`;
  if (code === "ENOSPC" || code === "EDQUOT" || code.startsWith("SQLITE_FULL")) {
    return new OwnerFacingError(
      `Archive disk is full: ${subject} could not be written to ${archiveRoot} (${freeSpace(archiveRoot)}` +
        `${needsBytes ? `, it needs ${formatBytes(needsBytes)}` : ""}); the original is untouched`,
      "disk_full",
    );
  }
  if (code === "EROFS" || code === "EACCES" || code === "EPERM" || code === "ENOTDIR") {
    return new OwnerFacingError(
      `Archive folder is not writable: ${archiveRoot} (${code}); ${subject} was not written and the original is untouched`,
      "archive_dir_unwritable",
    );
  }
  return undefined;
}
