/**
 * The owner's path for the benchmark: the CLI's own commands, spawned as a user runs them
 * (`node cli/cutover.mjs …` with NAS_DB, DASHBOARD_DB, CUTOVER_DATA_DIR and DATABASE_URL set),
 * against the server given, and pgloader loading the same two files into the same server
 * (databases of its own, dropped after), timed in the same run.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describeUsage, readUsage } from "./bench-usage";

export type CliTiming = { seconds: number; peakRssMb: number; cpuSeconds: number; usage: string };
export type OwnerRun = {
  setup: Record<string, CliTiming>;
  plan: CliTiming;
  copy: CliTiming;
  /** from the copy run's recorded end (copy_run.finished_at) to the command's exit: the verify inside copy */
  verifyInsideCopy: number;
  verify: CliTiming;
  pgloader: { nas: number; dashboard: number } | null;
  copySummary: string;
};

const CLI = path.resolve("cli", "cutover.mjs");
/** Steps 1 and 2 as the owner takes them; the backup's waivable check (the synthetic pair's) needs a note. */
const SETUP = [
  ["backup", "--processing-stopped"],
  ["approve", "backup", "--note", "benchmark run on a synthetic pair"],
  ["schema"],
  ["approve", "schema"],
];

export function pgloaderOnPath(): boolean {
  return spawnSync("sh", ["-c", "command -v pgloader"], { stdio: "ignore" }).status === 0;
}

export async function measureOwnerPath(options: {
  sources: { nas: string; dashboard: string };
  /** a URL to the server's `postgres` database (or any database one may CREATE DATABASE from) */
  adminUrl: string;
  work: string;
  postmasterPid: string | null;
  log: (line: string) => void;
}): Promise<OwnerRun> {
  const { sources, work, log } = options;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const base = `bench_owner_${Date.now()}`;
  const urlOf = (database: string) => {
    const url = new URL(options.adminUrl);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  const databases = [base, `${base}_pgl_nas`, `${base}_pgl_dashboard`];
  try {
    for (const db of databases) await admin.query(`CREATE DATABASE ${db}`);
    const databaseUrl = urlOf(base);
    const env = {
      ...process.env,
      NAS_DB: sources.nas,
      DASHBOARD_DB: sources.dashboard,
      CUTOVER_DATA_DIR: path.join(work, "data"),
      DATABASE_URL: databaseUrl,
    };
    const monitor = new pg.Client({ connectionString: options.adminUrl });
    await monitor.connect();
    try {
      const cli = async (...args: string[]) => {
        const before = await readUsage(monitor, options.postmasterPid);
        const run = await runTimed(process.execPath, [CLI, ...args], env, path.join(work, "rss"));
        if (run.code !== 0) {
          throw new Error(`cutover ${args.join(" ")} exited ${run.code}: ${run.stderr.slice(-2000)}`);
        }
        const after = await readUsage(monitor, options.postmasterPid);
        // Node CPU here is this process's: the CLI's own is in its children; say the server's only.
        const usage = describeUsage(before, { ...after, nodeCpu: before.nodeCpu }).replace(/^Node CPU [^,]+, /, "");
        return {
          ...run,
          timing: { seconds: run.seconds, peakRssMb: run.peakRssMb, cpuSeconds: run.cpuSeconds, usage },
        };
      };
      const setup: Record<string, CliTiming> = {};
      for (const step of SETUP) {
        const name = step.slice(0, 2).join(" ");
        setup[name] = (await cli(...step)).timing;
        log(`  cli ${name.padEnd(26)} ${setup[name]!.seconds.toFixed(1).padStart(7)} s (setup, not in the ratios)`);
      }
      const plan = (await cli("plan")).timing;
      log(line("cli plan", plan));
      const copyRun = await cli("copy");
      const copyFinishedAt = lastCopyFinishedAt(path.join(work, "data", "control.db"));
      const verifyInsideCopy = (copyRun.exitedAtMs - copyFinishedAt) / 1000;
      log(line("cli copy", copyRun.timing));
      log(
        `  (of which the verify inside copy ${verifyInsideCopy.toFixed(1)} s: from the copy run's end to the command's)`,
      );
      const copyLine = copyRun.lines.filter((l) => l.text.startsWith("copy:")).at(-1)?.text ?? "";
      const verify = (await cli("verify")).timing;
      log(line("cli verify", verify));

      let loaded: OwnerRun["pgloader"] = null;
      if (pgloaderOnPath()) {
        const pgloader = async (file: string, database: string) => {
          const target = urlOf(database).replace(/^postgres(ql)?:/, "pgsql:");
          // Its default of 100,000 rows in flight per table exhausts pgloader's heap on these KB-sized rows.
          const args = ["--with", "prefetch rows = 1000", `sqlite://${file}`, target];
          const run = await runTimed("pgloader", args, process.env, path.join(work, "rss"));
          if (run.code !== 0) throw new Error(`pgloader ${file} exited ${run.code}: ${run.stderr.slice(-2000)}`);
          return run;
        };
        const nas = await pgloader(sources.nas, `${base}_pgl_nas`);
        log(
          `  pgloader nas.db              ${nas.seconds.toFixed(1).padStart(7)} s  peak RSS ${nas.peakRssMb} MB; CPU ${nas.cpuSeconds.toFixed(1)} s`,
        );
        const dashboard = await pgloader(sources.dashboard, `${base}_pgl_dashboard`);
        log(
          `  pgloader dashboard.db        ${dashboard.seconds.toFixed(1).padStart(7)} s  peak RSS ${dashboard.peakRssMb} MB; CPU ${dashboard.cpuSeconds.toFixed(1)} s`,
        );
        loaded = { nas: nas.seconds, dashboard: dashboard.seconds };
      } else log("  pgloader is not on PATH: no side-by-side figure");
      return { setup, plan, copy: copyRun.timing, verifyInsideCopy, verify, pgloader: loaded, copySummary: copyLine };
    } finally {
      await monitor.end().catch(() => undefined);
    }
  } finally {
    for (const db of databases) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

/** When the last copy run finished, as the copy recorded it in the control DB (epoch ms). */
function lastCopyFinishedAt(controlDb: string): number {
  const db = new Database(controlDb, { readonly: true });
  try {
    const row = db.prepare("SELECT finished_at FROM copy_run ORDER BY id DESC LIMIT 1").get() as
      { finished_at: string | null } | undefined;
    return row?.finished_at ? Date.parse(row.finished_at) : Number.NaN;
  } finally {
    db.close();
  }
}

function line(name: string, t: CliTiming) {
  return `  ${name.padEnd(28)} ${t.seconds.toFixed(1).padStart(7)} s  peak RSS ${t.peakRssMb} MB; CLI CPU ${t.cpuSeconds.toFixed(1)} s, ${t.usage}`;
}

/** Runs a command under GNU time (its peak RSS: the largest process of its tree), noting when each stderr line came. */
function runTimed(command: string, args: string[], env: NodeJS.ProcessEnv, rssFile: string) {
  return new Promise<{
    code: number | null;
    seconds: number;
    peakRssMb: number;
    /** user + system CPU of the command's process tree */
    cpuSeconds: number;
    stderr: string;
    lines: { at: number; text: string }[];
    exitedAtMs: number;
  }>((resolve, reject) => {
    const start = performance.now();
    const child = spawn("/usr/bin/time", ["-f", "%M %U %S", "-o", rssFile, command, ...args], {
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    let partial = "";
    const lines: { at: number; text: string }[] = [];
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      const at = (performance.now() - start) / 1000;
      stderr += chunk;
      if (stderr.length > 1e6) stderr = stderr.slice(-1e5);
      const parts = (partial + chunk).split("\n");
      partial = parts.pop()!;
      for (const text of parts) lines.push({ at, text });
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const endedAt = (performance.now() - start) / 1000;
      let peakRssMb = Number.NaN;
      let cpuSeconds = Number.NaN;
      try {
        const [kb, user, system] = readFileSync(rssFile, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
        peakRssMb = Math.round(kb! / 1024);
        cpuSeconds = user! + system!;
      } catch {
        // no figure: NaN is printed
      }
      resolve({ code, seconds: endedAt, peakRssMb, cpuSeconds, stderr, lines, exitedAtMs: Date.now() });
    });
  });
}
