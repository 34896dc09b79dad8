import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { CheckResult } from "@/lib/workflow/types";

/**
 * Proves the triggers, the cascade and the CHECKs on the live target, inside a transaction
 * that is always rolled back: the target keeps no trace of it. Each probe that is expected
 * to fail runs under a savepoint so the transaction survives it.
 */
function probeVideoId(): string {
  // 11 characters of the YouTube alphabet, random so it never meets a real row.
  return `zz${randomBytes(9).toString("base64url").slice(0, 9)}`;
}

async function rejected(
  client: pg.ClientBase,
  sql: string,
  params: unknown[],
): Promise<{ code?: string; message?: string }> {
  await client.query("SAVEPOINT probe");
  try {
    await client.query(sql, params);
    return {};
  } catch (error) {
    const e = error as { code?: string; message?: string; constraint?: string };
    return { code: e.code, message: e.constraint ?? e.message };
  } finally {
    await client.query("ROLLBACK TO SAVEPOINT probe");
  }
}

export async function runSchemaSelfTest(client: pg.ClientBase): Promise<CheckResult[]> {
  const id = probeVideoId();
  const checks: CheckResult[] = [];
  await client.query("BEGIN");
  try {
    await client.query("INSERT INTO content (video_id, id, title, language) VALUES ($1, $2, 'self-test', 'en')", [
      id,
      `yt:${id}`,
    ]);
    const insertSummary =
      "INSERT INTO content_summaries (video_id, variant, revision, text, html) VALUES ($1, 'comprehensive', $2, 'x', '<p>x</p>')";
    await client.query(insertSummary, [id, 1]);
    await client.query(insertSummary, [id, 2]);
    const latest = await client.query<{ revision: number }>(
      "SELECT revision FROM content_summaries WHERE video_id = $1 AND variant = 'comprehensive' AND is_latest",
      [id],
    );
    const latestRevisions = latest.rows.map((r) => r.revision);
    checks.push({
      name: "Self-test: one latest summary, the highest revision",
      ok: latestRevisions.length === 1 && latestRevisions[0] === 2,
      detail: `after revisions 1 and 2, latest = [${latestRevisions.join(", ")}]`,
      evidence: { latestRevisions },
    });

    const before = await client.query<{ updated_at: Date }>("SELECT updated_at FROM content WHERE video_id = $1", [id]);
    await client.query("SELECT pg_sleep(0.002)");
    const after = await client.query<{ updated_at: Date }>(
      "UPDATE content SET title = 'self-test, updated' WHERE video_id = $1 RETURNING updated_at",
      [id],
    );
    const moved = after.rows[0]!.updated_at.getTime() > before.rows[0]!.updated_at.getTime();
    checks.push({
      name: "Self-test: an update moves updated_at",
      ok: moved,
      detail: moved ? "updated_at moved forward on update" : "updated_at did not change on update",
    });

    await client.query("DELETE FROM content WHERE video_id = $1", [id]);
    const left = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM content_summaries WHERE video_id = $1",
      [id],
    );
    checks.push({
      name: "Self-test: deleting content cascades to its summaries",
      ok: left.rows[0]!.n === 0,
      detail: `${left.rows[0]!.n} summary row(s) left after deleting the content row`,
    });

    const badId = await rejected(
      client,
      "INSERT INTO content (video_id, id, title) VALUES ('not-a-valid-id!', 'yt:bad', 'x')",
      [],
    );
    checks.push({
      name: "Self-test: an invalid video_id is rejected",
      ok: badId.code === "23514",
      detail: badId.code ? `rejected (${badId.code} ${badId.message})` : "accepted: the CHECK is missing",
    });
    const badLanguage = await rejected(
      client,
      "INSERT INTO content (video_id, id, title, language) VALUES ($1, $2, 'x', 'English')",
      [id, `yt:${id}`],
    );
    checks.push({
      name: "Self-test: an invalid language is rejected",
      ok: badLanguage.code === "23514",
      detail: badLanguage.code
        ? `rejected (${badLanguage.code} ${badLanguage.message})`
        : "accepted: the CHECK is missing",
    });
    return checks;
  } finally {
    await client.query("ROLLBACK");
  }
}
