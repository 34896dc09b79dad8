/** Step 1 (Backup): the public surface the workflow core, UI and CLI use. */
export { runBackup } from "./run-backup";
export { buildChecks, buildEvidence, CHECK_NAMES } from "./backup-outcome";
export type { RunBackupOptions, RunBackupResult } from "./run-backup";
export { checkFreeze, assertSourcesUnchangedSinceBackup } from "./freeze";
export type { FreezeResult, SourceFreeze, TableChange } from "./freeze";
export { listBackups, latestVerifiedBackup, readManifest, MANIFEST_FILE, FAILED_FILE } from "./manifest";
export type { BackupManifest, SourceManifest, BackupListing } from "./manifest";
export { fingerprintDatabase, fileSha256, integrityCheck } from "./fingerprint";
export type { DatabaseFingerprint, TableFingerprint } from "./fingerprint";
export { snapshotSource } from "./snapshot";
export { restoreTest } from "./restore-test";
export { countCategorizationRecords } from "@/lib/sources/categorization-count";
export type { BackupIo, SourceRole } from "./source-access";
export type { LiveSource } from "@/lib/sources/live-source";
