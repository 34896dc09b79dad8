import { closeSync, fsyncSync, openSync, renameSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * Renames only promise an order on disk after an fsync of the file and of its folder: without
 * them a power cut can leave a manifest that names an archive whose bytes never reached disk.
 */
export function fsyncPath(target: string): void {
  const fd = openSync(target, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function renameDurably(from: string, to: string): void {
  renameSync(from, to);
  fsyncPath(path.dirname(to));
  if (path.dirname(from) !== path.dirname(to)) fsyncPath(path.dirname(from));
}

/** Writes `<file>.tmp`, fsyncs it and renames it over `file`: readers see the old file or the whole new one. */
export function writeJsonAtomic(file: string, value: unknown): void {
  const temp = `${file}.tmp`;
  const fd = openSync(temp, "w");
  try {
    writeSync(fd, `${JSON.stringify(value, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameDurably(temp, file);
}
