/** Step 6 (Archive) engine: the public surface the step's glue, the report, the UI and the CLI use. */
export { archiveSource } from "./archive-source";
export type { ArchiveResult, ArchiveSourceOptions } from "./archive-source";
export { moveOriginalAside } from "./move-aside";
export type { MoveAsideOptions, MoveResult } from "./move-aside";
export { verifyArchive } from "./restore-test";
export { listArchives, ORIGINAL_DIR } from "./archive-layout";
export type { ArchiveListing } from "./archive-layout";
export { readArchiveManifest, readMoved, MANIFEST_FILE, MOVED_FILE } from "./manifest";
export type { ArchiveLabel, ArchiveManifest, MovedRecord, RestoreCheck } from "./manifest";
export { archiveCheck, archiveEvidence } from "./archive-outcome";
export { COMPRESSION } from "./compression";
export { compareFingerprints, describeMismatches } from "./fingerprint-compare";
export type { FingerprintLike, TableMismatch } from "./fingerprint-compare";
export type { HostRemoval } from "./remote-source";
