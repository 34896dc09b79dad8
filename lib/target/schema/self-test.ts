import { randomBytes } from "node:crypto";
import type pg from "pg";
import { runRolledBackChecks } from "@/lib/target/rolled-back-checks";
import type { CheckResult } from "@/lib/workflow/types";

/**
 * Proves the triggers and the cascade on the live target, inside a transaction that is always
 * rolled back: the target keeps no trace of it. The latest-pointer checks are the contract's
 * (YTV2-CONTRACT.md §1): writers insert without is_latest and with revision 1 by default.
 */
function probeVideoId(): string {
  // 11 characters of the YouTube alphabet, random so it never meets a real row.
  return `zz${randomBytes(9).toString("base64url").slice(0, 9)}`;
}

type Summary = { revision: number; is_latest: boolean; text: string };

export async function runSchemaSelfTest(client: pg.ClientBase): Promise<CheckResult[]> {
  const id = probeVideoId();
  const rows = async (variant: string) =>
    (
      await client.query<Summary>(
        "SELECT revision, is_latest, text FROM content_summaries WHERE video_id = $1 AND variant = $2 ORDER BY revision",
        [id, variant],
      )
    ).rows;
  const shape = (list: Summary[]) => list.map((r) => `${r.revision}${r.is_latest ? " (latest)" : ""}`).join(", ");
  // As the contract's writers do: no is_latest, revision 1 by default.
  const write = (variant: string, revision: number | null, text: string) =>
    client.query(
      "INSERT INTO content_summaries (video_id, variant, text, html, revision, created_at) VALUES ($1, $2, $3, $4, $5, now())",
      [id, variant, text, `<p>${text}</p>`, revision],
    );
  return runRolledBackChecks(client, [
    {
      name: "Self-test: an insert without is_latest becomes the latest",
      run: async () => {
        await client.query("INSERT INTO content (video_id, id, title) VALUES ($1, $2, 'self-test')", [id, `yt:${id}`]);
        await write("comprehensive", 1, "first");
        const first = await rows("comprehensive");
        return {
          ok: first.length === 1 && first[0]!.is_latest,
          detail: `one insert at revision 1 without is_latest: ${shape(first)}`,
        };
      },
    },
    {
      name: "Self-test: a re-summary at a taken revision becomes max + 1 and the latest",
      run: async () => {
        await write("comprehensive", 1, "re-summary");
        const after = await rows("comprehensive");
        return {
          ok: shape(after) === "1, 2 (latest)" && after[1]!.text === "re-summary",
          detail: `a second insert at revision 1: revisions ${shape(after)}`,
        };
      },
    },
    {
      name: "Self-test: a NULL or non-positive revision becomes max + 1",
      run: async () => {
        await write("bullet-points", null, "null revision");
        await write("bullet-points", 0, "zero revision");
        const after = await rows("bullet-points");
        return { ok: shape(after) === "1, 2 (latest)", detail: `inserts at NULL, then 0: revisions ${shape(after)}` };
      },
    },
    {
      name: "Self-test: one latest summary, the highest revision",
      run: async () => {
        await write("key-points", 3, "three");
        await write("key-points", 2, "two, loaded later");
        const history = await rows("key-points");
        return {
          ok: shape(history) === "2, 3 (latest)",
          detail: `revision 3, then 2 inserted below it: ${shape(history)}`,
          evidence: { latestRevisions: history.filter((r) => r.is_latest).map((r) => r.revision) },
        };
      },
    },
    {
      name: "Self-test: an update moves updated_at",
      run: async () => {
        const before = await client.query<{ updated_at: Date }>("SELECT updated_at FROM content WHERE video_id = $1", [
          id,
        ]);
        await client.query("SELECT pg_sleep(0.002)");
        const after = await client.query<{ updated_at: Date }>(
          "UPDATE content SET title = 'self-test, updated' WHERE video_id = $1 RETURNING updated_at",
          [id],
        );
        const moved = after.rows[0]!.updated_at.getTime() > before.rows[0]!.updated_at.getTime();
        return {
          ok: moved,
          detail: moved ? "updated_at moved forward on update" : "updated_at did not change on update",
        };
      },
    },
    {
      name: "Self-test: deleting content cascades to its summaries",
      run: async () => {
        await client.query("DELETE FROM content WHERE video_id = $1", [id]);
        const left = await client.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM content_summaries WHERE video_id = $1",
          [id],
        );
        return {
          ok: left.rows[0]!.n === 0,
          detail: `${left.rows[0]!.n} summary row(s) left after deleting the content row`,
        };
      },
    },
  ]);
}
