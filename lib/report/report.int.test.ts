import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CATEGORIZED } from "@/lib/demo/demo-plan";
import { confirmDefaults } from "@/lib/review/decide";
import { approveStepWithGate } from "@/lib/steps/approve";
import { manifestOfEvidence } from "@/lib/steps/backup-step";
import { copyRunInput } from "@/lib/steps/copy-step";
import { runStepAction } from "@/lib/workflow/workflow";
import { demoHarness, type Harness } from "@/test/support/copy-harness";
import { approveThroughSchema } from "@/test/support/steps";
import { gatherReportFacts } from "./facts";
import { writeReportFile } from "./generate";
import type { ReportFacts } from "./types";
import { harnessEnv, runCli } from "@/test/support/cli";

/** Steps 1–3 done and approved on the demo pair through the real core; the report reads what they left. */
const ACTOR = "owner (test)";
let h: Harness;
let facts: ReportFacts;

beforeAll(async () => {
  h = await demoHarness();
  await approveThroughSchema(h, ACTOR);
  expect((await runStepAction(h.ctx, copyRunInput(h.ctx, h.databaseUrl, ACTOR))).status).toBe("passed");
  await confirmDefaults(h.ctx, "all", ACTOR, "all records");
  await approveStepWithGate(h.ctx, { stepId: "copy", actor: ACTOR, confirmation: "copy is complete" });
  facts = await gatherReportFacts(h.ctx);
}, 240_000);
afterAll(async () => {
  await h?.cleanup();
});

const sha256 = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

const cli = (...args: string[]) => runCli({ env: harnessEnv(h) }, ...args);

describe("the evidence report's facts after steps 1–3 on the demo pair", () => {
  it("is a draft, and says why", () => {
    expect(facts.draft).toBe(true);
    expect(facts.draftReason).toMatch(
      /^Step 6 \(Archive\) is not approved yet \(it is locked\): this report shows the evidence recorded so far\.$/,
    );
    expect(Object.keys(facts).slice(0, 2)).toEqual(["draft", "draftReason"]);
  });

  it("shows steps 1–3 approved, each with the stored evidence hash of the run its approval in force approved", async () => {
    expect(facts.steps.map((s) => s.state)).toEqual(["approved", "approved", "approved", "ready", "locked", "locked"]);
    for (const step of facts.steps.slice(0, 3)) {
      const approval = await h.ctx.db.approval.findFirstOrThrow({ where: { step: step.id, revokedAt: null } });
      const run = await h.ctx.db.stepRun.findUniqueOrThrow({ where: { id: approval.runId } });
      expect(step.evidenceRun).toMatchObject({ id: run.id, evidenceHash: run.evidenceHash });
      expect(run.evidenceHash).toMatch(/^[0-9a-f]{64}$/);
      expect(step.approvals.filter((a) => a.inForce)).toEqual([
        expect.objectContaining({ id: approval.id, actor: ACTOR, evidenceHash: run.evidenceHash, revokedAt: null }),
      ]);
      expect(step.evidenceRun!.checks.length).toBeGreaterThan(0);
      expect(step.evidenceRun!.checks.every((c) => c.ok)).toBe(true);
    }
    for (const step of facts.steps.slice(3)) expect(step).toMatchObject({ evidenceRun: null, approvals: [] });
  });

  it("verifies the audit chain and names its head", async () => {
    const head = await h.ctx.db.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(facts.audit).toEqual({
      entries: await h.ctx.db.auditEntry.count(),
      headSeq: head.seq,
      headHash: head.hash,
      verified: true,
      broken: null,
    });
  });

  it("counts each definition on the approved backup's snapshots; ours equals step 1's manifest", async () => {
    const approval = await h.ctx.db.approval.findFirstOrThrow({ where: { step: "backup", revokedAt: null } });
    const run = await h.ctx.db.stepRun.findUniqueOrThrow({ where: { id: approval.runId } });
    const manifest = manifestOfEvidence(h.ctx, run.evidence)!;
    const count = facts.categorizationCount;
    if (!count.available) throw new Error(count.note);
    expect(count).toMatchObject({ backupId: manifest.backupId, backupRunId: run.id, expected: DEMO_CATEGORIZED });
    const byId = Object.fromEntries(count.definitions.map((d) => [d.id, d.counts]));
    const side = (role: string) => manifest.sources.find((s) => s.role === role)!.categorized;
    expect(byId.design).toEqual({ nas: side("nas"), dashboard: side("dashboard"), union: manifest.categorizedUnion });
    expect(byId.design!.dashboard).toBe(DEMO_CATEGORIZED);
    // the demo's near-misses (an empty list, a blank column…) make the notes' looser definitions differ from ours
    expect(byId.subcategories_json!.dashboard).toBeGreaterThan(byId.design!.dashboard - byId.subcategory!.dashboard);
    expect(count.definitions.map((d) => d.id)).toEqual([
      "design",
      "subcategory",
      "analysis_mentions",
      "subcategories_json",
    ]);
  });

  it("lists the plan's categorization records, each identical in PostgreSQL, with both sides' categories", async () => {
    const records = facts.categorizationRecords;
    if (!records.available) throw new Error(records.note);
    const plan = await h.ctx.db.mergePlan.findFirstOrThrow({ where: { status: "ready" }, orderBy: { id: "desc" } });
    expect(records.records).toHaveLength(JSON.parse(plan.counts!).categorized);
    expect(records.records.length).toBeGreaterThanOrEqual(DEMO_CATEGORIZED);
    expect(records.targetError).toBeNull();
    expect(records.records.filter((r) => r.status !== "identical")).toEqual([]);
    expect(records.records.filter((r) => r.dashboard !== null)).toHaveLength(DEMO_CATEGORIZED);
    for (const r of records.records) {
      expect(r.postgres!.some((c) => c.subcategories.length > 0)).toBe(true);
      // one entry per category, though analysis_json holds both categories[] and the bare subcategories
      expect(new Set(r.postgres!.map((c) => c.category)).size).toBe(r.postgres!.length);
      const dashboard = r.dashboard?.map((c) => [c.category, [...c.subcategories].sort()]);
      if (dashboard?.length)
        expect(r.postgres!.map((c) => [c.category, [...c.subcategories].sort()])).toEqual(dashboard);
      expect(r.verified).toBe("identical");
    }
  });

  it("has the plan's quarantine counts by reason", async () => {
    const quarantine = facts.quarantine;
    if (!quarantine.available) throw new Error(quarantine.note);
    const plan = await h.ctx.db.mergePlan.findFirstOrThrow({ where: { status: "ready" }, orderBy: { id: "desc" } });
    const planned = JSON.parse(plan.counts!).quarantine as Record<string, number>;
    expect(Object.fromEntries(quarantine.byReason.map((r) => [r.reason, r.rows]))).toEqual(planned);
    expect(quarantine.total).toBe(Object.values(planned).reduce((a, b) => a + b, 0));
    const [{ n }] = await h.query<{ n: number }>("SELECT count(*)::int AS n FROM migration_quarantine");
    expect(quarantine.total).toBe(n);
  });

  it("says plainly that steps 4–6's evidence is not run yet", () => {
    expect(facts.sections.map((s) => [s.id, s.state])).toEqual(
      ["parity", "shadow", "drill", "scan", "flip", "archive"].map((id) => [id, "not_run"]),
    );
    for (const section of facts.sections) expect(section.note).toMatch(/^Not run yet: /);
  });
});

describe("delivering the report", () => {
  it("writes a new file and records its SHA-256 (HTML and JSON) in the audit log", async () => {
    const file = path.join(h.dir, "report.html");
    const { report } = await writeReportFile(h.ctx, ACTOR, file, "html");
    const written = readFileSync(file, "utf8");
    expect(sha256(written)).toBe(report.sha256.html);
    expect(sha256(report.json)).toBe(report.sha256.json);
    const entry = await h.ctx.db.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(entry).toMatchObject({ step: "archive", action: "report", outcome: "ok", actor: ACTOR });
    expect(JSON.parse(entry.detail)).toMatchObject({
      format: "html",
      to: "file",
      file,
      sha256: { html: sha256(written), json: report.sha256.json },
      draft: true,
    });
    expect(written.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(written).toContain('<p class="banner" id="draft">DRAFT — Step 6 (Archive) is not approved yet');
  });

  it("the CLI writes with --out, then refuses the same path in one line, leaving the file and the log untouched", () => {
    const file = path.join(h.dir, "cli-report.json");
    const first = cli("report", "--out", file, "--json");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Wrote .*cli-report\.json \(SHA-256 [0-9a-f]{64}, recorded in the audit log\)\.\n$/);
    const json = JSON.parse(readFileSync(file, "utf8")) as ReportFacts;
    expect(json.draft).toBe(true);
    expect(first.stdout).toContain(sha256(readFileSync(file)));

    const before = { text: readFileSync(file), mtime: statSync(file).mtimeMs };
    const entries = spawnCount();
    const again = cli("report", "--out", file);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toBe(
      `cutover: Refused: ${file} already exists; choose a new file name (nothing was written).\n`,
    );
    expect(readFileSync(file)).toEqual(before.text);
    expect(statSync(file).mtimeMs).toBe(before.mtime);
    expect(spawnCount()).toBe(entries);
  });

  it("refuses an existing path in the engine too, before gathering anything", async () => {
    const file = path.join(h.dir, "owner-notes.html");
    writeFileSync(file, "the owner's own notes");
    const entries = await h.ctx.db.auditEntry.count();
    await expect(writeReportFile(h.ctx, ACTOR, file, "html")).rejects.toThrow(/already exists/);
    expect(readFileSync(file, "utf8")).toBe("the owner's own notes");
    expect(await h.ctx.db.auditEntry.count()).toBe(entries);
  });

  it("prints the report to stdout without --out, and records nothing", () => {
    const entries = spawnCount();
    const printed = cli("report");
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(printed.stdout).toContain("DRAFT — YTV2 cutover: evidence report");
    expect(spawnCount()).toBe(entries);
  });
});

describe("a snapshot of the approved backup that cannot be read", () => {
  it("leaves the count's and the records' sections saying so, and the rest of the report stands", async () => {
    const approval = await h.ctx.db.approval.findFirstOrThrow({ where: { step: "backup", revokedAt: null } });
    const run = await h.ctx.db.stepRun.findUniqueOrThrow({ where: { id: approval.runId } });
    const manifest = manifestOfEvidence(h.ctx, run.evidence)!;
    const snapshot = path.join(manifest.backupDir, manifest.sources.find((s) => s.role === "nas")!.snapshotFile);
    renameSync(snapshot, `${snapshot}.away`);
    try {
      const partial = await gatherReportFacts(h.ctx);
      expect(partial.categorizationCount).toEqual({
        available: false,
        note: expect.stringMatching(/^The snapshot .*nas\.db of the approved backup cannot be read: /),
      });
      expect(partial.categorizationRecords).toMatchObject({ available: false });
      expect(partial.quarantine).toMatchObject({ available: true });
      expect(partial.audit.verified).toBe(true);
    } finally {
      renameSync(`${snapshot}.away`, snapshot);
    }
  });
});

/** The audit log's length, read by a fresh process's view of the file (the CLI writes it from another process). */
function spawnCount(): number {
  const out = spawnSync(
    process.execPath,
    [
      "-e",
      `const D=require("better-sqlite3");const d=new D(process.argv[1],{readonly:true});console.log(d.prepare("select count(*) n from audit_log").get().n)`,
      h.ctx.paths.controlDb,
    ],
    { encoding: "utf8" },
  );
  return Number(out.stdout.trim());
}
