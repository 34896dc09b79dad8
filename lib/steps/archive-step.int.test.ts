import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Harness } from "@/test/support/copy-harness";
import { approveThroughCutover, processVideo } from "@/test/support/archive/at-step6";
import { listArchives, readArchiveManifest, readMoved } from "@/lib/archive";
import { setDualWrite } from "@/lib/parity/dual-write";
import { MIGRATION_COMPLETE_REFUSAL } from "@/lib/workflow/core";
import { getStepStatusOrThrow, runStepAction } from "@/lib/workflow/workflow";
import { gatherReportFacts } from "@/lib/report/facts";
import { approveStepWithGate } from "./approve";
import { archiveDualWriteOff, archiveRunInput, moveOriginalsAside, MOVE_ASIDE_PHRASE } from "./archive-step";
import { copyRunInput } from "./copy-step";
import { parityRunInput } from "./parity-step";
import { openWriteGuard } from "./write-guard";

const ACTOR = "owner (test)";
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

async function atStep6() {
  const h = await approveThroughCutover(ACTOR);
  harnesses.push(h);
  return h;
}

const archive = (h: Harness) => runStepAction(h.ctx, archiveRunInput(h.ctx, h.databaseUrl, ACTOR));
const failedNames = (run: { checks: { name: string; ok: boolean }[] }) =>
  run.checks.filter((c) => !c.ok).map((c) => c.name);
const refusals = (h: Harness) => h.ctx.db.auditEntry.count({ where: { outcome: "refused" } });

describe("step 6 through the workflow core", () => {
  it("turns dual write off, proves the write guard, archives, moves the originals after the phrase, approves, then refuses every change", async () => {
    const h = await atStep6();
    const nasBytes = readFileSync(h.sources.nas);
    await expect(archive(h)).rejects.toThrow(/turn dual write off first/);
    await expect(openWriteGuard(h.ctx, h.databaseUrl, ACTOR)).rejects.toThrow(/turn dual write off first/);

    const off = await archiveDualWriteOff(h.ctx, h.databaseUrl, ACTOR);
    expect(off.state.enabled).toBe(false);
    expect(await h.query("SELECT enabled FROM migration_flags WHERE name = 'dual_write_mode'")).toEqual([
      { enabled: false },
    ]);
    await expect(archive(h)).rejects.toThrow(/open the write-guard window first/);

    const window = await openWriteGuard(h.ctx, h.databaseUrl, ACTOR);
    expect(window.sources.nas.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const processed = await processVideo(h, "afterOff001", "postgres-only");
    expect(processed).toMatchObject({ sqlite: false, target: true });

    const run = await archive(h);
    expect(failedNames(run)).toEqual([]);
    expect(run.status).toBe("passed");
    expect(run.checks.map((c) => c.name)).toEqual([
      "SQLite files unchanged over the write-guard window",
      "The target received a new video in the window",
      "NAS archive",
      "Dashboard archive",
    ]);
    expect(run.checks[1].detail).toContain("afterOff001");
    const archives = listArchives(h.ctx.paths.archiveDir);
    expect(archives.map((a) => a.status)).toEqual(["verified", "verified"]);
    for (const entry of archives) {
      if (entry.status !== "verified") continue;
      expect(entry.manifest.restoreTest.ok).toBe(true);
      expect(entry.manifest.expectedFingerprint).toBe(window.sources[entry.manifest.label].fingerprint);
    }

    // Approval waits for the move; the move waits for the exact phrase.
    await expect(approveStepWithGate(h.ctx, { stepId: "archive", actor: ACTOR })).rejects.toThrow(
      /Local originals moved aside: not moved yet: NAS, Dashboard/,
    );
    await expect(moveOriginalsAside(h.ctx, ACTOR, "move them")).rejects.toThrow(
      `Refused: type "${MOVE_ASIDE_PHRASE}" to move the originals; nothing was moved.`,
    );
    expect(existsSync(h.sources.nas)).toBe(true);

    const moved = await moveOriginalsAside(h.ctx, ACTOR, "Move the originals  aside");
    expect(moved.ownerMustRemove).toEqual([]);
    expect(moved.moved.map((m) => m.outcome)).toEqual(["moved", "moved"]);
    expect(existsSync(h.sources.nas)).toBe(false);
    expect(existsSync(h.sources.dashboard)).toBe(false);
    const nasMoved = moved.moved.find((m) => m.label === "nas")!;
    const archivedNas = readArchiveManifest(nasMoved.archiveDir).original;
    const movedNas = path.join(nasMoved.archiveDir, nasMoved.moved.files[0].to);
    expect(nasMoved.moved.files[0].from).toBe(h.sources.nas);
    expect(createHash("sha256").update(readFileSync(movedNas)).digest("hex")).toBe(archivedNas.sha256);
    expect(readFileSync(movedNas).equals(nasBytes)).toBe(true);
    expect(readMoved(nasMoved.archiveDir)?.method).toBe("rename");

    await approveStepWithGate(h.ctx, { stepId: "archive", actor: ACTOR });
    expect((await getStepStatusOrThrow(h.ctx, "archive")).state).toBe("approved");

    // The report is final now and its archive section comes from the manifests.
    const facts = await gatherReportFacts(h.ctx);
    expect(facts.draft).toBe(false);
    const section = facts.sections.find((s) => s.id === "archive")!;
    expect(section.state).toBe("recorded");
    const [manifests, restores, originals] = section.tables;
    expect(manifests.rows.map((r) => r[2])).toEqual(
      listArchives(h.ctx.paths.archiveDir).map((a) => (a.status === "verified" ? a.manifest.original.sha256 : "")),
    );
    expect(restores.rows.map((r) => r[1])).toEqual(["yes", "yes"]);
    expect(restores.rows.map((r) => r[4])).toEqual(["yes", "yes"]);
    expect(originals.rows.every((r) => r[1].startsWith("moved (rename)"))).toBe(true);

    // The done state: each action that would change the target, the sources or a step is refused in one line.
    const before = await refusals(h);
    const flags = await h.query("SELECT name, enabled FROM migration_flags ORDER BY name");
    const attempts: [string, () => Promise<unknown>][] = [
      ["dual write on", () => setDualWrite(h.ctx, h.databaseUrl, "on", ACTOR)],
      ["dual write off", () => archiveDualWriteOff(h.ctx, h.databaseUrl, ACTOR)],
      ["parity run", () => runStepAction(h.ctx, parityRunInput(h.ctx, h.databaseUrl, ACTOR))],
      ["copy", () => runStepAction(h.ctx, copyRunInput(h.ctx, h.databaseUrl, ACTOR))],
      ["write guard", () => openWriteGuard(h.ctx, h.databaseUrl, ACTOR)],
      ["archive", () => archive(h)],
      ["move aside", () => moveOriginalsAside(h.ctx, ACTOR, MOVE_ASIDE_PHRASE)],
      ["approve", () => approveStepWithGate(h.ctx, { stepId: "archive", actor: ACTOR })],
    ];
    for (const [, attempt] of attempts) await expect(attempt()).rejects.toThrow(MIGRATION_COMPLETE_REFUSAL);
    expect(await refusals(h)).toBe(before + attempts.length);
    expect(await h.query("SELECT name, enabled FROM migration_flags ORDER BY name")).toEqual(flags);
    expect(listArchives(h.ctx.paths.archiveDir)).toHaveLength(2);
    expect((await getStepStatusOrThrow(h.ctx, "archive")).state).toBe("approved");
  });

  it("blocks the archive when a SQLite file changed in the window, naming the table, and archives nothing", async () => {
    const h = await atStep6();
    await archiveDualWriteOff(h.ctx, h.databaseUrl, ACTOR);
    await openWriteGuard(h.ctx, h.databaseUrl, ACTOR);
    // The NAS still writes its SQLite file: its switches were not really set.
    await processVideo(h, "stillSqlite", "sqlite");
    const run = await archive(h);
    expect(run.status).toBe("failed");
    const guard = run.checks.find((c) => c.name === "SQLite files unchanged over the write-guard window")!;
    expect(guard.ok).toBe(false);
    expect(guard.detail).toMatch(/NAS: .*content/);
    expect(guard.detail).toContain("nothing was archived");
    expect(run.checks.map((c) => c.name)).not.toContain("NAS archive");
    expect(listArchives(h.ctx.paths.archiveDir)).toEqual([]);
    await expect(moveOriginalsAside(h.ctx, ACTOR, MOVE_ASIDE_PHRASE)).rejects.toThrow(/has not passed/);
    expect(existsSync(h.sources.nas)).toBe(true);
  });

  it("without a new video in the window the run passes but approval needs the owner's note", async () => {
    const h = await atStep6();
    await archiveDualWriteOff(h.ctx, h.databaseUrl, ACTOR);
    await openWriteGuard(h.ctx, h.databaseUrl, ACTOR);
    const run = await archive(h);
    expect(run.status).toBe("passed");
    expect(failedNames(run)).toEqual(["The target received a new video in the window"]);
    await moveOriginalsAside(h.ctx, ACTOR, MOVE_ASIDE_PHRASE);
    await expect(approveStepWithGate(h.ctx, { stepId: "archive", actor: ACTOR })).rejects.toThrow(
      /approve with a note saying why/,
    );
    await approveStepWithGate(h.ctx, {
      stepId: "archive",
      actor: ACTOR,
      note: "the NAS had nothing to process today; its switches were checked by hand",
    });
    expect((await getStepStatusOrThrow(h.ctx, "archive")).state).toBe("approved");
  });

  it("a corrupted archive byte is caught before the originals move, and nothing is lost", async () => {
    const h = await atStep6();
    await archiveDualWriteOff(h.ctx, h.databaseUrl, ACTOR);
    await openWriteGuard(h.ctx, h.databaseUrl, ACTOR);
    await processVideo(h, "afterOff002", "postgres-only");
    expect((await archive(h)).status).toBe("passed");
    const nas = listArchives(h.ctx.paths.archiveDir).find(
      (a) => a.status === "verified" && a.manifest.label === "nas",
    )!;
    const manifest = readArchiveManifest(nas.dir);
    const file = path.join(nas.dir, manifest.archive.file);
    const bytes = readFileSync(file);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle] ^ 0xff;
    writeFileSync(file, bytes);
    await expect(moveOriginalsAside(h.ctx, ACTOR, MOVE_ASIDE_PHRASE)).rejects.toThrow(
      /NAS archive in .* no longer matches its manifest \(SHA-256\): archive again; nothing was moved/,
    );
    expect(existsSync(h.sources.nas)).toBe(true);
    await expect(approveStepWithGate(h.ctx, { stepId: "archive", actor: ACTOR })).rejects.toThrow(
      /NAS archive restores: /,
    );
  });

  it("refuses an archive folder it cannot write in one line, the originals untouched", async () => {
    const h = await atStep6();
    await archiveDualWriteOff(h.ctx, h.databaseUrl, ACTOR);
    await openWriteGuard(h.ctx, h.databaseUrl, ACTOR);
    await processVideo(h, "afterOff003", "postgres-only");
    writeFileSync(h.ctx.paths.archiveDir, "a file where the archive folder should be");
    const size = statSync(h.sources.nas).size;
    const failure = await archive(h).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toBe(
      `Archive folder is not writable: ${h.ctx.paths.archiveDir} is a file, not a folder; the NAS archive was not written and the original is untouched`,
    );
    expect(failure!.split("\n")).toHaveLength(1);
    const stored = await h.ctx.db.stepRun.findFirstOrThrow({ where: { step: "archive" }, orderBy: { id: "desc" } });
    expect(stored).toMatchObject({ status: "failed", error: failure });
    expect(statSync(h.sources.nas).size).toBe(size);
  });
});
