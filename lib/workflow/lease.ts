import "server-only";
import { randomUUID } from "node:crypto";
import type { ControlDb } from "../control/control-db";
import { formatUtc } from "../common/format-time";
import { processIdentity, recordedProcessState } from "../common/process";
import { OwnerFacingError } from "./types";

/**
 * One action at a time across the panel and every CLI: a row in the control DB taken by a
 * conditional write, kept fresh by a heartbeat. A lease is taken over when its time ran out,
 * or before that when its holder is proven gone: the lease names the process by pid and
 * identity (boot, pid namespace, start time), so a pid reused by another process, or a holder
 * in another container, never passes for a dead one. A live lease answers "busy".
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
type LeaseRow = NonNullable<Awaited<ReturnType<ControlDb["lease"]["findUnique"]>>>;

/** `label`: what runs, as the busy message names it to whoever else tries ("the copy of step 3 …"). */
export async function acquireLease(db: ControlDb, label: string): Promise<LeaseHandle> {
  const holder = randomUUID();
  const identity = processIdentity() ?? null;
  const now = new Date();
  const expires = new Date(now.getTime() + TTL_MS).toISOString();
  const taken = await db.$executeRaw`
    INSERT INTO lease (name, holder, pid, action, acquired_at, expires_at, process_started)
    VALUES (${LEASE_NAME}, ${holder}, ${process.pid}, ${label}, ${now.toISOString()}, ${expires}, ${identity})
    ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, action = excluded.action,
      acquired_at = excluded.acquired_at, expires_at = excluded.expires_at, process_started = excluded.process_started
    WHERE lease.expires_at < ${now.toISOString()}`;
  if (taken !== 1) {
    const current = await db.lease.findUnique({ where: { name: LEASE_NAME } });
    const stolen =
      current &&
      holderIsGone(current) &&
      (await db.$executeRaw`
        UPDATE lease SET holder = ${holder}, pid = ${process.pid}, action = ${label},
          acquired_at = ${now.toISOString()}, expires_at = ${expires}, process_started = ${identity}
        WHERE name = ${LEASE_NAME} AND holder = ${current.holder}`) === 1;
    if (!stolen) {
      const since = current ? ` since ${formatUtc(current.acquiredAt)}` : "";
      throw new BusyError(
        `Busy: ${current?.action ?? "another action"} is running${since}. Try again when it has finished.`,
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
  if (holderIsGone(lease)) return undefined;
  return lease.holder;
}

/** Proven gone on this machine; a holder it cannot judge (another container or host) is waited out by its expiry. */
function holderIsGone(lease: LeaseRow): boolean {
  return recordedProcessState(lease.pid, lease.processStarted) === "gone";
}
