import { afterEach, describe, expect, it } from "vitest";
import type { Harness } from "../../test/support/copy-harness";
import { approvedDemo, EXPECTED_COUNTS } from "../../test/support/shadow-demo";
import type { ShadowJson } from "./shadow";
import { harnessEnv, runCli } from "../../test/support/cli";

/** `cutover shadow` as the owner types it, on the demo pair copied and approved through step 3. */
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

function cliFor(h: Harness) {
  return (...args: string[]) => runCli({ env: harnessEnv(h) }, ...args);
}

describe("cutover shadow", () => {
  it("runs, exits 1 while findings are open, acknowledges each kind with a note, then exits 0", async () => {
    const { h } = await approvedDemo(harnesses);
    const cli = cliFor(h);
    const run = cli("shadow", "--json");
    expect(run.code, run.stderr).toBe(1);
    const json = JSON.parse(run.stdout) as ShadowJson;
    expect(Object.keys(json)).toEqual(["ok", "detail", "run", "total", "open", "kinds"]);
    expect(json).toMatchObject({ ok: false, total: 60, open: 60, run: { listed: { sqlite: 79, postgres: 83 } } });
    expect(Object.fromEntries(json.kinds.map((k) => [k.kind, k.count]))).toEqual(EXPECTED_COUNTS);
    expect(Object.keys(json.kinds[0]!.examples[0]!)).toEqual([
      "fingerprint",
      "view",
      "videoId",
      "field",
      "sqlite",
      "postgres",
      "detail",
      "acknowledged",
    ]);

    expect(cli("shadow", "--acknowledge", "ordering")).toMatchObject({
      code: 2,
      stderr: "cutover: shadow: --acknowledge and --note go together\n",
    });
    const bogus = cli("shadow", "--acknowledge", "orderings", "--note", "x");
    expect(bogus.code).toBe(1);
    expect(bogus.stderr).toMatch(/^cutover: Refused: "orderings" is neither a finding kind .*\n$/);

    // one finding by its fingerprint, then the rest of each kind
    const one = json.kinds.find((k) => k.kind === "not_listed")!.examples[0]!;
    const single = cli("shadow", "--acknowledge", one.fingerprint, "--note", "left unlisted on purpose", "--json");
    expect(single.code).toBe(1);
    expect((JSON.parse(single.stdout) as ShadowJson).open).toBe(59);
    let last = single;
    for (const kind of Object.keys(EXPECTED_COUNTS)) {
      last = cli("shadow", "--acknowledge", kind, "--note", `${kind}: expected after the copy`);
    }
    expect(last.code, last.stderr).toBe(0);
    expect(last.stdout).toMatch(/^Shadow read #1 .*: Dashboard .*dashboard\.db against /);
    expect(last.stdout).toContain("Shadow read #1: all 60 findings acknowledged.");
    expect(last.stdout).toContain("note by owner (cli): left unlisted on purpose");

    const again = cli("shadow");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("Shadow read #2: all 60 findings acknowledged.");
  }, 600_000);
});
