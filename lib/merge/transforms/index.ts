/**
 * The copy engine's pure value transforms: legacy SQLite values in, target-typed values out.
 * Each returns what it stored and, when that lost anything, an issue that keeps the original
 * for a `migration_quarantine` row. No database, no framework: the loader and the verifier
 * both apply these, so a source record and its target row hash alike.
 */
export * from "./types";
export * from "./video-key";
export * from "./timestamp";
export * from "./boolean";
export * from "./integer";
export * from "./json";
export * from "./key-topics";
export * from "./language";
export * from "./python-literal";
export * from "./summary-text";
export * from "./variant-name";
export * from "./nul";
export * from "./html";
export * from "../../common/canonical-json";
