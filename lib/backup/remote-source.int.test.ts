import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { LiveSource } from "@/lib/sources/live-source";
import { OwnerFacingError, type Progress } from "@/lib/workflow/types";
import { makeTempDir } from "@/test/support/temp-dir";
import {
  FINAL_PATH,
  selfSignedCertificate,
  startSourceServer,
  type Behaviour,
  type SourceServer,
} from "@/test/support/source-server";
import { checkFreeze } from "./freeze";
import { listBackups, readManifest } from "./manifest";
import { runBackup } from "./run-backup";
import { createLegacyDb, sha256File } from "@/test/support/legacy-fixtures";

/**
 * The Dashboard read where it lives: a local HTTP(S) server in the test serves a real SQLite
 * file behind a bearer check, and the backup downloads it. Every bad input refuses in one
 * line, leaves no backup that looks verified and no partial download, and changes nothing else.
 */
const TOKEN = "s3cret-sync-token";
const temps: Array<{ cleanup(): void }> = [];
const servers: SourceServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  temps.splice(0).forEach((temp) => temp.cleanup());
});

async function setup(options: { tls?: boolean; token?: string | null; served?: string } = {}) {
  const temp = makeTempDir("cutover-remote-");
  temps.push(temp);
  const nas = path.join(temp.dir, "nas.db");
  const served = path.join(temp.dir, "served-dashboard.db");
  createLegacyDb(nas, { rows: 30, categorized: 2 });
  createLegacyDb(served, { rows: 60, categorized: 7, firstVideo: 20, journalMode: "wal" });
  const tls = options.tls ? selfSignedCertificate(temp.dir) : undefined;
  const server = await startSourceServer({ file: served, token: TOKEN, tls });
  servers.push(server);
  const workDir = path.join(temp.dir, "data", "sources");
  const dashboard = (url = server.url, token: string | null = TOKEN): LiveSource => ({
    role: "dashboard",
    origin: { kind: "url", url },
    token: token ?? undefined,
    workDir,
    mirror: path.join(workDir, "dashboard.db"),
  });
  return {
    dir: temp.dir,
    nas,
    served,
    server,
    workDir,
    dashboard,
    backupsDir: path.join(temp.dir, "data", "backups"),
    tls,
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** Everything under the data dir and the NAS file, as names, sizes and hashes. */
function snapshotOfDisk(s: Setup) {
  const files: Record<string, string> = { nas: sha256File(s.nas) };
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(s.dir, full)] = `${statSync(full).size}:${sha256File(full)}`;
    }
  };
  walk(path.join(s.dir, "data"));
  return files;
}

async function expectRefusal(
  s: Setup,
  dashboard: LiveSource,
  message: string | RegExp,
  extra: { stallMs?: number; ca?: string; signal?: AbortSignal } = {},
) {
  const before = snapshotOfDisk(s);
  const earlier = new Set(listBackups(s.backupsDir).map((entry) => entry.id));
  const error = await runBackup({
    sources: { nas: s.nas, dashboard },
    backupsDir: s.backupsDir,
    expectedCategorized: 7,
    signal: extra.signal,
    fetch: { stallMs: extra.stallMs ?? 2_000, ca: extra.ca },
  }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OwnerFacingError);
  const text = (error as Error).message;
  expect(text).not.toContain("\n");
  expect(text).not.toContain(TOKEN);
  if (typeof message === "string") expect(text).toBe(message);
  else expect(text).toMatch(message);
  // Nothing that looks valid: no verified backup, a failed one holds only its FAILED note, no partial download.
  const listing = listBackups(s.backupsDir).filter((entry) => !earlier.has(entry.id));
  expect(listing.filter((entry) => entry.status === "verified")).toEqual([]);
  for (const entry of listing) expect(readdirSync(entry.dir)).toEqual(["FAILED"]);
  expect(existsSync(s.workDir) ? readdirSync(s.workDir).filter((name) => name.endsWith(".partial")) : []).toEqual([]);
  // Nothing else changed: the NAS and everything already in the data dir are as they were.
  const after = snapshotOfDisk(s);
  for (const [file, state] of Object.entries(before)) expect(after[file], file).toBe(state);
  return error as OwnerFacingError;
}

describe("a Dashboard read by its download URL", () => {
  it("is downloaded with its token, verified, and becomes the step-1 snapshot; the token is stored nowhere", async () => {
    const s = await setup();
    const progress: Progress[] = [];
    const result = await runBackup({
      sources: { nas: s.nas, dashboard: s.dashboard(`${s.server.url}?client=cutover`) },
      backupsDir: s.backupsDir,
      expectedCategorized: 7,
      onProgress: (p) => progress.push(p),
    });
    expect(result.outcome.checks.filter((check) => !check.ok)).toEqual([]);
    const manifest = readManifest(result.backupDir);
    const dashboard = manifest.sources.find((source) => source.role === "dashboard")!;
    expect(dashboard.sourcePath).toBe(s.server.url);
    expect(dashboard.categorized).toBe(7);
    expect(dashboard.stableAfterSnapshot).toEqual({ ok: true, detail: "Dashboard unchanged since the backup" });
    expect(statSync(path.join(result.backupDir, "dashboard.db")).size).toBe(statSync(s.served).size);
    // The backup's download, then the stability check's fresh one; both with the bearer token.
    expect(s.server.requests).toEqual([
      { path: "/api/download-database?client=cutover", authorization: `Bearer ${TOKEN}` },
      { path: "/api/download-database?client=cutover", authorization: `Bearer ${TOKEN}` },
    ]);
    expect(progress.filter((p) => p.phase === "download dashboard").at(-1)).toMatchObject({
      unit: "bytes",
      done: statSync(s.served).size,
      total: statSync(s.served).size,
    });
    expect(readdirSync(s.workDir)).toEqual(["dashboard.db"]);
    expect((statSync(s.workDir).mode & 0o777).toString(8)).toBe("700");
    expect((statSync(path.join(s.workDir, "dashboard.db")).mode & 0o777).toString(8)).toBe("600");
    for (const file of Object.keys(snapshotOfDisk(s)).filter((name) => name !== "nas")) {
      expect(readFileSync(path.join(s.dir, file)).includes(TOKEN), file).toBe(false);
    }
    expect(JSON.stringify(result.outcome)).not.toContain(TOKEN);
  });

  it("follows a redirect on the same origin with the token", async () => {
    const s = await setup();
    s.server.behaviour = { redirectTo: FINAL_PATH };
    const result = await runBackup({
      sources: { nas: s.nas, dashboard: s.dashboard() },
      backupsDir: s.backupsDir,
      expectedCategorized: 7,
    });
    expect(result.outcome.checks.every((check) => check.ok)).toBe(true);
    expect(s.server.requests.map((r) => [r.path, r.authorization])).toContainEqual([FINAL_PATH, `Bearer ${TOKEN}`]);
  });

  it("makes the freeze proof download afresh and name the table when the file on the server changed", async () => {
    const s = await setup();
    const { manifest } = await runBackup({
      sources: { nas: s.nas, dashboard: s.dashboard() },
      backupsDir: s.backupsDir,
      expectedCategorized: 7,
    });
    expect((await checkFreeze({ sources: { dashboard: s.dashboard() }, manifest })).ok).toBe(true);
    const changed = path.join(s.dir, "changed.db");
    createLegacyDb(changed, { rows: 61, categorized: 7, firstVideo: 20 });
    s.server.file = changed;
    const requestsBefore = s.server.requests.length;
    const result = await checkFreeze({ sources: { dashboard: s.dashboard() }, manifest });
    expect(s.server.requests.length).toBe(requestsBefore + 1);
    expect(result.ok).toBe(false);
    expect(result.detail).toBe(
      "Dashboard changed since the backup: content 1 row changed (1 added), summary_variants 1 row changed (1 added)",
    );
  });
});

describe("a Dashboard download refuses bad input in one line", () => {
  const cases: Array<
    [string, (s: Setup) => { source?: LiveSource; behaviour?: Behaviour }, (s: Setup) => string | RegExp]
  > = [
    [
      "a wrong token (401)",
      (s) => ({ source: s.dashboard(s.server.url, "not-the-secret") }),
      (s) =>
        `Dashboard download was refused (HTTP 401) by ${s.server.url}: DASHBOARD_DB_TOKEN is not accepted (it must be the Dashboard's SYNC_SECRET)`,
    ],
    [
      "no token at all (401)",
      (s) => ({ source: s.dashboard(s.server.url, null) }),
      (s) =>
        `Dashboard download was refused (HTTP 401) by ${s.server.url}: DASHBOARD_DB_TOKEN is not set (set it to the Dashboard's SYNC_SECRET)`,
    ],
    [
      "403",
      () => ({ behaviour: { status: 403 } }),
      (s) =>
        `Dashboard download was refused (HTTP 403) by ${s.server.url}: DASHBOARD_DB_TOKEN is not accepted (it must be the Dashboard's SYNC_SECRET)`,
    ],
    [
      "404",
      (s) => ({ source: s.dashboard(`${s.server.origin}/api/no-such-download?secret=x`) }),
      (s) =>
        `Dashboard download found nothing (HTTP 404) at ${s.server.origin}/api/no-such-download: check DASHBOARD_DB (the Dashboard serves its file at /api/download-database)`,
    ],
    [
      "a server error (502)",
      () => ({ behaviour: { status: 502 } }),
      (s) =>
        `Dashboard download failed with a server error (HTTP 502) at ${s.server.url}; try again later, or read the host's logs`,
    ],
    [
      "an HTML page served with 200",
      () => ({ behaviour: "html" }),
      () =>
        `Dashboard download returned a web page instead of the database (HTTP 200, text/html: "Sign in · YTV2"); check DASHBOARD_DB: it must be the /api/download-database address`,
    ],
    [
      "a JSON error served with 200",
      () => ({ behaviour: "json" }),
      () =>
        `Dashboard download returned a JSON reply instead of the database (HTTP 200, application/json: {"error":"database not ready"})`,
    ],
    [
      "a truncated transfer",
      () => ({ behaviour: "truncate" }),
      () =>
        /^Dashboard download broke off after [\d.]+ (bytes|KB) of \d+\.\d KB \(the connection closed early\); nothing was kept, try again$/,
    ],
    [
      "a connection reset mid-stream",
      () => ({ behaviour: "reset" }),
      () =>
        /^Dashboard download broke off after [\d.]+ (bytes|KB) of \d+\.\d KB \(ECONNRESET\); nothing was kept, try again$/,
    ],
    [
      "a stall",
      () => ({ behaviour: "stall" }),
      () =>
        /^Dashboard download stalled: no data from 127\.0\.0\.1:\d+ for 1 s after \d+\.\d KB; nothing was kept, try again$/,
    ],
    [
      "a file that is not SQLite",
      () => ({ behaviour: { body: Buffer.from("PK\u0003\u0004 this is a zip, not a database".repeat(40)) } }),
      () =>
        `Dashboard download is not a SQLite file (HTTP 200, application/octet-stream; it starts with "PK this is a z")`,
    ],
    [
      "a SQLite file cut short without a Content-Length",
      (s) => ({ behaviour: { body: readFileSync(s.served).subarray(0, 3 * 4096) } }),
      () => /^Dashboard download is cut short: it holds 12\.0 KB of the \d+\.\d KB its header declares$/,
    ],
    [
      "a URL with a password in it",
      (s) => ({ source: s.dashboard(s.server.url.replace("http://", "http://owner:pw@")) }),
      (s) =>
        `DASHBOARD_DB has credentials in its URL (${s.server.url}); remove them and put the token in DASHBOARD_DB_TOKEN`,
    ],
  ];
  for (const [name, arrange, message] of cases) {
    it(`refuses ${name}`, async () => {
      const s = await setup();
      const { source, behaviour } = arrange(s);
      if (behaviour) s.server.behaviour = behaviour;
      await expectRefusal(s, source ?? s.dashboard(), message(s), { stallMs: 1_000 });
    });
  }

  it("refuses a SQLite file that fails quick_check", async () => {
    const s = await setup();
    const broken = path.join(s.dir, "broken.db");
    createLegacyDb(broken, { rows: 400, categorized: 7 });
    const fd = openSync(broken, "r+");
    const pages = Math.floor(statSync(broken).size / 4096);
    for (let page = 2; page < pages; page += 2) writeSync(fd, Buffer.alloc(200, 0xa5), 0, 200, page * 4096 + 8);
    closeSync(fd);
    s.server.file = broken;
    await expectRefusal(
      s,
      s.dashboard(),
      /^Dashboard download is damaged \((quick_check: .+|SQLite reports it malformed)\)$/,
    );
  });

  it("refuses a redirect to another host, and sends that host nothing", async () => {
    const s = await setup();
    const other = await startSourceServer({ file: s.served, token: null });
    servers.push(other);
    s.server.behaviour = { redirectTo: other.url };
    await expectRefusal(
      s,
      s.dashboard(),
      `Dashboard download was redirected to another host (${new URL(other.url).host}); refused, so the token goes nowhere else: set DASHBOARD_DB to the address the file is served at`,
    );
    expect(other.requests).toEqual([]);
  });

  it("refuses a TLS certificate it cannot trust, and works once the certificate is trusted", async () => {
    const s = await setup({ tls: true });
    await expectRefusal(
      s,
      s.dashboard(),
      `Dashboard download failed: the TLS certificate of ${new URL(s.server.url).host} is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT); the host must present a valid certificate`,
    );
    const result = await runBackup({
      sources: { nas: s.nas, dashboard: s.dashboard() },
      backupsDir: s.backupsDir,
      expectedCategorized: 7,
      fetch: { ca: s.tls!.cert },
    });
    expect(result.outcome.checks.every((check) => check.ok)).toBe(true);
  });

  it("stops on Cancel mid-download and keeps nothing", async () => {
    const s = await setup();
    s.server.behaviour = "stall";
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const error = await expectRefusal(s, s.dashboard(), "Dashboard download cancelled; nothing was kept", {
      stallMs: 10_000,
      signal: controller.signal,
    });
    expect(error.code).toBe("cancelled");
  });

  it("keeps the mirror of the last good download when a later download fails", async () => {
    const s = await setup();
    await runBackup({
      sources: { nas: s.nas, dashboard: s.dashboard() },
      backupsDir: s.backupsDir,
      expectedCategorized: 7,
    });
    const mirror = sha256File(path.join(s.workDir, "dashboard.db"));
    s.server.behaviour = "truncate";
    await expectRefusal(s, s.dashboard(), /^Dashboard download broke off/);
    expect(sha256File(path.join(s.workDir, "dashboard.db"))).toBe(mirror);
  });
});
