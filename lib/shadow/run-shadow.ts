import "server-only";
import { defaultIo, openReadOnly, preflightSource, toOwnerFacing } from "@/lib/backup/source-access";
import { describeTarget, withTargetClient } from "@/lib/target/connect";
import { shownSource, withLiveSource, type LiveSource } from "@/lib/sources/live-source";
import { readShadow, type ShadowOptions, type ShadowRead } from "./read-shadow";

/**
 * The shadow read on the live Dashboard file (read in place, or a fresh copy through the
 * source reader, a URL downloaded) and the target. Reads only: a missing file or an
 * unreachable target is refused in one line before anything is compared or stored.
 */
export type ShadowReadResult = ShadowRead & { dashboard: string; target: string };

export async function runShadowRead(
  input: { dashboard: LiveSource; databaseUrl: string },
  options: ShadowOptions & { signal?: AbortSignal } = {},
): Promise<ShadowReadResult> {
  const shown = shownSource(input.dashboard);
  preflightSource("dashboard", input.dashboard, defaultIo);
  return withTargetClient(input.databaseUrl, (client) =>
    withLiveSource(input.dashboard, { onProgress: options.onProgress, signal: options.signal }, async (file) => {
      let db;
      try {
        db = openReadOnly(file);
      } catch (error) {
        throw toOwnerFacing("dashboard", shown, error);
      }
      try {
        const read = await readShadow(db, client, options);
        return { ...read, dashboard: shown, target: describeTarget(input.databaseUrl) };
      } finally {
        db.close();
      }
    }),
  );
}
