import { ROLE_LABEL } from "@/lib/backup/source-access";
import { OwnerFacingError } from "@/lib/workflow/types";
import type { ArchiveLabel } from "./manifest";

/** The URL as it may be recorded: no user, password, query or fragment (a token could hide in any). */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OwnerFacingError(`The remote source is not a valid URL: ${url.slice(0, 80)}`, "source_invalid");
  }
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

export type HostRemoval = { url: string; detail: string };

/** What the owner must still do by hand: the tool archives a download, it cannot touch the host's file. */
export function hostRemoval(label: ArchiveLabel, url: string, archiveDir: string): HostRemoval {
  return {
    url,
    detail:
      `The ${ROLE_LABEL[label]} database stays on its host: once the archive in ${archiveDir} is accepted, ` +
      `remove the SQLite file served at ${url} there yourself; the tool cannot move or delete it`,
  };
}
