import { existsSync, readdirSync, readFileSync } from "node:fs";
import type pg from "pg";

/**
 * Where a benchmark phase's time went: this process's CPU (worker threads included), the
 * embedded PostgreSQL's CPU (postmaster, its live children, and the children that ended), and
 * the WAL it wrote (bytes and full-page images) from pg_stat_wal.
 */
export type Usage = { nodeCpu: number; postgresCpu: number | null; walBytes: number; walFpi: number };

const TICKS_PER_SECOND = 100;

function statFields(pid: string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name may contain spaces and parentheses: fields start after its last ')'
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** CPU seconds of the server whose postmaster.pid is given (null when unknown or not on this machine). */
export function postgresCpuSeconds(postmasterPidFile: string | null): number | null {
  if (!postmasterPidFile || !existsSync(postmasterPidFile)) return null;
  const postmaster = readFileSync(postmasterPidFile, "utf8").split("\n")[0]!.trim();
  const own = statFields(postmaster);
  if (!own) return null;
  // fields (from 3 = state): ppid is [1], utime [11], stime [12], cutime [13], cstime [14]
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const fields = statFields(pid);
    if (fields && fields[1] === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

export async function readUsage(client: pg.ClientBase, postmasterPidFile: string | null): Promise<Usage> {
  const cpu = process.cpuUsage();
  const { rows } = await client.query<{ wal_bytes: string; wal_fpi: string }>(
    "SELECT wal_bytes::text, wal_fpi::text FROM pg_stat_wal",
  );
  return {
    nodeCpu: (cpu.user + cpu.system) / 1e6,
    postgresCpu: postgresCpuSeconds(postmasterPidFile),
    walBytes: Number(rows[0]!.wal_bytes),
    walFpi: Number(rows[0]!.wal_fpi),
  };
}

export function describeUsage(before: Usage, after: Usage): string {
  const pgCpu =
    before.postgresCpu === null || after.postgresCpu === null
      ? "PostgreSQL CPU unknown (not the embedded server)"
      : `PostgreSQL CPU ${(after.postgresCpu - before.postgresCpu).toFixed(1)} s`;
  const walMb = (after.walBytes - before.walBytes) / 2 ** 20;
  return `Node CPU ${(after.nodeCpu - before.nodeCpu).toFixed(1)} s, ${pgCpu}, WAL ${walMb.toFixed(0)} MB (${after.walFpi - before.walFpi} full-page images)`;
}
