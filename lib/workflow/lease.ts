import "server-only";
import { randomUUID } from "node:crypto";
import type { ControlDb } from "../control/control-db";
import { isProcessAlive } from "../common/process";
import { OwnerFacingError } from "./types";

/**
 * One action at a time across the panel and every CLI: a row in the control DB taken by a
 * conditional write. A lease whose process died (same machine) or whose time ran out is
 * taken over; a live one answers "busy".
 */
const LEASE_NAME = "workflow";
const TTL_MS = 30_000;

export class BusyError extends OwnerFacingError {
  override name = "BusyError";
  constructor(message: string) {
    super(message, "busy");
  }
}

export type LeaseHandle = { holder: string; release(): Promise<void> };

export async function acquireLease(db: ControlDb, action: string): Promise<LeaseHandle> {
  const holder = randomUUID();
  const now = new Date();
  const expires = new Date(now.getTime() + TTL_MS).toISOString();
  const taken = await db.$executeRaw`
    INSERT INTO lease (name, holder, pid, action, acquired_at, expires_at)
    VALUES (${LEASE_NAME}, ${holder}, ${process.pid}, ${action}, ${now.toISOString()}, ${expires})
    ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, action = excluded.action,
      acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
    WHERE lease.expires_at < ${now.toISOString()}`;
  if (taken !== 1) {
    const current = await db.lease.findUnique({ where: { name: LEASE_NAME } });
    const stale = current && current.pid !== process.pid && !isProcessAlive(current.pid);
    const stolen =
      stale &&
      (await db.$executeRaw`
        UPDATE lease SET holder = ${holder}, pid = ${process.pid}, action = ${action},
          acquired_at = ${now.toISOString()}, expires_at = ${expires}
        WHERE name = ${LEASE_NAME} AND holder = ${current.holder}`) === 1;
    if (!stolen) {
      throw new BusyError(
        `Busy: "${current?.action ?? "another action"}" is running since ${current?.acquiredAt ?? "a moment ago"}. Try again when it has finished.`,
      );
    }
  }
  const heartbeat = setInterval(() => {
    const next = new Date(Date.now() + TTL_MS).toISOString();
    db.$executeRaw`UPDATE lease SET expires_at = ${next} WHERE name = ${LEASE_NAME} AND holder = ${holder}`.catch(
      () => undefined,
    );
  }, TTL_MS / 3);
  heartbeat.unref();
  return {
    holder,
    async release() {
      clearInterval(heartbeat);
      await db.$executeRaw`DELETE FROM lease WHERE name = ${LEASE_NAME} AND holder = ${holder}`;
    },
  };
}

/** The holder of the live lease, if any (to tell a crashed run from a running one). */
export async function currentLeaseHolder(db: ControlDb): Promise<string | undefined> {
  const lease = await db.lease.findUnique({ where: { name: LEASE_NAME } });
  if (!lease) return undefined;
  if (lease.expiresAt < new Date().toISOString()) return undefined;
  if (lease.pid !== process.pid && !isProcessAlive(lease.pid)) return undefined;
  return lease.holder;
}
