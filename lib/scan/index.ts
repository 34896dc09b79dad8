export { FINDING_KINDS, KIND_TITLES, kindRank, type FindingKind } from "./kinds";
export { findingFingerprint, normalizeSnippet } from "./fingerprint";
export { groupFindings, findingLocation } from "./format";
export { DEFAULT_MAX_FILE_BYTES, scanCodeFolders } from "./scan-code-folders";
export { scanSource } from "./scan-source";
export type { FolderScan, GitCheck, ScanFinding, ScanFolder, ScanOptions, ScanReport } from "./types";
export { codeFoldersToScan, type CodeDirs } from "./code-folders";
