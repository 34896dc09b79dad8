import type pg from "pg";
import type { CheckResult } from "@/lib/workflow/types";

/**
 * Named checks run in order inside one transaction that is always rolled back, so the target
 * keeps no trace of them. Each runs under a savepoint: a statement that fails fails its own
 * check, with the database's message, and the later checks still run.
 */
export type ProbeStep = { name: string; run: () => Promise<{ ok: boolean; detail: string; evidence?: unknown }> };

export async function runRolledBackChecks(client: pg.ClientBase, steps: ProbeStep[]): Promise<CheckResult[]> {
  const checks: CheckResult[] = [];
  await client.query("BEGIN");
  try {
    for (const step of steps) {
      await client.query("SAVEPOINT probe_step");
      try {
        const { ok, detail, evidence } = await step.run();
        checks.push({ name: step.name, ok, detail, ...(evidence === undefined ? {} : { evidence }) });
        await client.query("RELEASE SAVEPOINT probe_step");
      } catch (error) {
        await client.query("ROLLBACK TO SAVEPOINT probe_step");
        const e = error as { message?: string; code?: string };
        const message = e.message?.split("\n")[0] ?? String(error);
        checks.push({ name: step.name, ok: false, detail: `failed: ${message}${e.code ? ` (${e.code})` : ""}` });
      }
    }
    return checks;
  } finally {
    await client.query("ROLLBACK");
  }
}
