import { demoHarness, type Harness } from "./copy-harness";
import { runParity, type ParityResult } from "@/lib/parity/run-parity";
import { toLiveSource } from "@/lib/sources/live-source";

/** The demo pair planned and copied into a fresh target, ready for parity runs. */
export async function copiedDemo(): Promise<
  Harness & { parity(options?: { since?: string | null }): Promise<ParityResult> }
> {
  const h = await demoHarness();
  await h.plan();
  await h.copy();
  return Object.assign(h, {
    parity: (options: { since?: string | null } = {}) =>
      runParity({
        db: h.ctx.db,
        controlDbFile: h.ctx.paths.controlDb,
        databaseUrl: h.databaseUrl,
        live: { nas: toLiveSource("nas", h.sources.nas), dashboard: toLiveSource("dashboard", h.sources.dashboard) },
        dualWriteSince: options.since ?? null,
      }),
  });
}
