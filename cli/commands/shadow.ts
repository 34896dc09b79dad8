import type { AppContext } from "../../lib/app-context";
import { KIND_TITLES } from "../../lib/shadow/findings";
import { acknowledgeShadow, runShadowStep, shadowVerdict } from "../../lib/shadow/shadow-step";
import type { ShadowState } from "../../lib/shadow/store";
import { withTargetForCommand } from "../../lib/target/target-url";
import type { ParsedArgs } from "../args";
import { createProgressPrinter, printJson } from "../output";

/**
 * `cutover shadow [--json]`: the shadow read of step 4, stored with its findings; exit 0 only
 * when the Dashboard renders identically or every finding is acknowledged.
 * `cutover shadow --acknowledge <kind|fingerprint> --note TEXT [--json]`: acknowledges the latest
 * run's open findings of that kind (or that one finding), then shows the state. Both refuse
 * until step 3 is approved.
 */
const out = (line: string) => process.stdout.write(`${line}\n`);

export type ShadowJson = {
  ok: boolean;
  detail: string;
  run: {
    id: number;
    startedAt: string;
    finishedAt: string;
    dashboard: string;
    target: string;
    views: number;
    listed: { sqlite: number; postgres: number };
  };
  total: number;
  open: number;
  kinds: {
    kind: string;
    count: number;
    open: number;
    examples: {
      fingerprint: string;
      view: string;
      videoId: string | null;
      field: string | null;
      sqlite: unknown;
      postgres: unknown;
      detail: string;
      acknowledged: { actor: string; note: string; at: string } | null;
    }[];
  }[];
};

export function shadowJson(state: ShadowState, verdict: { ok: boolean; detail: string }): ShadowJson {
  const { run } = state;
  return {
    ok: verdict.ok,
    detail: verdict.detail,
    run: {
      id: run.id,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      dashboard: run.dashboard,
      target: run.target,
      views: run.summary.views.length,
      listed: run.summary.listed,
    },
    total: state.total,
    open: state.open,
    kinds: state.kinds.map(({ kind, count, open, examples }) => ({
      kind,
      count,
      open,
      examples: examples.map(({ fingerprint, view, videoId, field, sqlite, postgres, detail, acknowledged }) => ({
        fingerprint,
        view,
        videoId,
        field,
        sqlite,
        postgres,
        detail,
        acknowledged,
      })),
    })),
  };
}

function printState(state: ShadowState, verdict: { ok: boolean; detail: string }) {
  const { run } = state;
  out(
    `Shadow read #${run.id} (${run.finishedAt}): Dashboard ${run.dashboard} against ${run.target}; ` +
      `${run.summary.views.length} list views, ${run.summary.details.length} detail pages, the facets; ` +
      `${run.summary.listed.sqlite} cards listed by the SQLite era, ${run.summary.listed.postgres} by the PostgreSQL era.`,
  );
  for (const kind of state.kinds) {
    out(`  ${kind.kind}: ${kind.count} (${kind.open} open) — ${KIND_TITLES[kind.kind]}`);
    for (const f of kind.examples) {
      out(`    ${f.acknowledged ? "acknowledged" : "open"}  ${f.fingerprint}  ${f.detail}`);
      if (f.acknowledged) out(`      note by ${f.acknowledged.actor}: ${f.acknowledged.note}`);
    }
    if (kind.count > kind.examples.length) out(`    … and ${kind.count - kind.examples.length} more`);
  }
  out(verdict.detail);
  if (!verdict.ok) out('Acknowledge a kind: npx cutover shadow --acknowledge <kind> --note "why it is acceptable"');
}

export async function shadowCommand(ctx: AppContext, args: ParsedArgs) {
  const target = args.flags.get("acknowledge");
  const note = args.flags.get("note");
  const state =
    typeof target === "string"
      ? (
          await acknowledgeShadow(ctx, {
            target,
            note: typeof note === "string" ? note : "",
            actor: ctx.env.cliActor,
          })
        ).state
      : await withTargetForCommand(ctx, (databaseUrl) =>
          runShadowStep(ctx, { databaseUrl, actor: ctx.env.cliActor, onProgress: createProgressPrinter() }),
        );
  if (process.stderr.isTTY) process.stderr.write("\n");
  const verdict = await shadowVerdict(ctx);
  if (args.flags.has("json")) printJson(shadowJson(state, verdict));
  else printState(state, verdict);
  if (!verdict.ok) process.exitCode = 1;
}
