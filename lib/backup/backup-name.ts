/** Backup folders are named by their UTC start time, colon-free so every file system takes them. */
export function backupDirName(at: Date): string {
  return `${at.toISOString().slice(0, 19).replaceAll(":", "-")}Z`;
}

const NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z(?:-(\d+))?$/;

/** The time a backup folder name stands for, or null when the name is not one of ours. */
export function parseBackupDirName(name: string): Date | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Newest first; two backups in one second get a -2, -3… suffix, which sorts after the plain name. */
export function compareBackupNamesNewestFirst(a: string, b: string): number {
  const [ta, sa] = splitSuffix(a);
  const [tb, sb] = splitSuffix(b);
  if (ta !== tb) return ta < tb ? 1 : -1;
  return sb - sa;
}

function splitSuffix(name: string): [string, number] {
  const match = /^(.*Z)(?:-(\d+))?$/.exec(name);
  return match ? [match[1]!, Number(match[2] ?? 1)] : [name, 0];
}
