import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MOVE_ASIDE_PHRASE } from "../../lib/steps/archive-step";
import { MIGRATION_COMPLETE_REFUSAL } from "../../lib/workflow/core";
import { approveThroughCutover, processVideo } from "../../test/support/archive/at-step6";
import type { Harness } from "../../test/support/copy-harness";
import { harnessEnv, runCli } from "@/test/support/cli";

/** Step 6 through the CLI, from a state where steps 1–5 were approved through the core. */
const ACTOR = "owner (test)";
let h: Harness;

beforeAll(async () => {
  h = await approveThroughCutover(ACTOR);
}, 240_000);
afterAll(async () => {
  await h?.cleanup();
});

const cli = (...args: string[]) => runCli({ env: harnessEnv(h) }, ...args);

describe("cutover dual-write off, archive, approve archive", () => {
  it("walks step 6 in order, each refusal one line, then refuses every change once the migration is complete", async () => {
    const early = cli("archive");
    expect(early.code).not.toBe(0);
    expect(early.stderr).toContain("turn dual write off first");

    const off = cli("dual-write", "off");
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(/^Dual write off recorded at .* by /);
    expect(off.stdout).toContain("POSTGRES_ONLY=true");

    const noWindow = cli("archive");
    expect(noWindow.code).not.toBe(0);
    expect(noWindow.stderr.trim().split("\n").at(-1)).toContain("open the write-guard window first");

    const opened = cli("archive", "--open-window", "--json");
    expect(opened.code).toBe(0);
    expect(JSON.parse(opened.stdout).openedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await processVideo(h, "cliAfterOff", "postgres-only");

    const run = cli("archive", "--json");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as {
      ok: boolean;
      checks: { name: string; ok: boolean }[];
      archived: { label: string; archiveDir: string; outcome: string; ownerMustRemove: unknown }[];
    };
    expect(json.ok).toBe(true);
    expect(json.checks.every((c) => c.ok)).toBe(true);
    expect(json.archived.map((a) => [a.label, a.outcome, a.ownerMustRemove])).toEqual([
      ["nas", "archived", null],
      ["dashboard", "archived", null],
    ]);

    const wrong = cli("archive", "--confirm", "yes");
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain(`type "${MOVE_ASIDE_PHRASE}"`);
    expect(existsSync(h.sources.nas)).toBe(true);

    const moved = cli("archive", "--confirm", MOVE_ASIDE_PHRASE);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain(`Moved: ${h.sources.nas} → `);
    expect(existsSync(h.sources.nas)).toBe(false);

    expect(cli("approve", "archive").code).toBe(0);
    for (const argv of [["dual-write", "on"], ["archive"], ["parity"], ["copy"]]) {
      const refused = cli(...argv);
      expect(refused.code, argv.join(" ")).not.toBe(0);
      expect(refused.stderr, argv.join(" ")).toContain(MIGRATION_COMPLETE_REFUSAL);
    }
    const report = cli("report", "--json");
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout).draft).toBe(false);
  });
});
