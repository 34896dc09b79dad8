import { afterEach, describe, expect, it } from "vitest";
import { demoHarness, type Harness } from "../../test/support/copy-harness";
import { harnessEnv, runCli } from "../../test/support/cli";

/** Step 3's review from the terminal on the demo pair: decide, re-copy, confirm defaults, approve with the phrase. */
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

function cliFor(h: Harness) {
  return (...args: string[]) => runCli({ env: harnessEnv(h) }, ...args);
}

describe("cutover decide and approve copy --confirm", () => {
  it("restores a candidate, applies it on the next copy, and approves only with the decisions settled and the phrase typed", async () => {
    const h = await demoHarness();
    harnesses.push(h);
    const cli = cliFor(h);
    for (const step of [
      ["backup", "--processing-stopped"],
      ["approve", "backup"],
      ["schema"],
      ["approve", "schema"],
      ["copy"],
    ]) {
      const result = cli(...step);
      expect(result.code, `${step.join(" ")}: ${result.stderr}`).toBe(0);
    }
    const candidate = h.expected.videoIds.resurrectionCandidates[0]!;
    const decided = cli("decide", candidate, "record", "restore", "--note", "still wanted");
    expect(decided.code, decided.stderr).toBe(0);
    expect(decided.stdout).toBe(
      "Decision stored: restore. Run Copy and verify again (npx cutover copy) to apply it.\n",
    );
    expect(cli("decide", candidate, "title", "nas")).toMatchObject({
      code: 1,
      stderr: `cutover: The sides agree on title for ${candidate}: there is nothing to choose.\n`,
    });
    expect(cli("decide", candidate, "record", "sideways").code).toBe(2);

    const early = cli("approve", "copy", "--confirm", "copy is complete");
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(
      /still need a decision or a confirmed default.*run Copy and verify again \(npx cutover copy\) to apply it/,
    );

    expect(cli("copy").code).toBe(0);
    expect(await h.query("SELECT 1 FROM content WHERE video_id = $1", [candidate])).toHaveLength(1);
    expect(cli("decide", "--confirm-defaults").stdout).toMatch(/^Defaults confirmed for \d+ records\.\n$/);
    expect(cli("approve", "copy", "--confirm", "copy is over")).toMatchObject({ code: 1 });
    const approved = cli("approve", "copy", "--confirm", "copy is complete");
    expect(approved.code, approved.stderr).toBe(0);
    expect(JSON.parse(cli("status", "--json").stdout).steps[2]).toMatchObject({ id: "copy", state: "approved" });
    // 14 CLI processes, each a fresh Node start (3–8 s on a loaded 2-core machine), plus two copies
  }, 300_000);
});
