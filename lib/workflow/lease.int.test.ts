import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTestContext } from "../../test/support/app-context";
import { processIdentity } from "../common/process";
import { acquireLease, BusyError } from "./lease";

/**
 * A lease is taken over before its expiry only when its holder is proven gone: same machine
 * and pid namespace, and the pid it names is absent or now another process (its start time
 * differs). Real child processes stand in for a panel or a CLI holding the lease.
 */
describe("the workflow lease", () => {
  let ctx: ReturnType<typeof makeTestContext>;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    ctx = makeTestContext();
  });
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
    await ctx.cleanup();
  });

  async function holderProcess() {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { stdio: "ignore" });
    children.push(child);
    await once(child, "spawn");
    return child;
  }

  /** A lease row as another process would have left it, valid for another minute. */
  async function leaseHeldBy(pid: number, identity: string | null, expiresInMs = 60_000) {
    await ctx.db.lease.create({
      data: {
        name: "workflow",
        holder: "someone else",
        pid,
        action: "the copy (step 3, Copy & diff)",
        acquiredAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
        processStarted: identity,
      },
    });
  }

  it("records this process's pid and identity (boot, pid namespace, start time)", async () => {
    const lease = await acquireLease(ctx.db, "the backup (step 1, Backup)");
    const row = await ctx.db.lease.findUniqueOrThrow({ where: { name: "workflow" } });
    expect(row).toMatchObject({ pid: process.pid, processStarted: processIdentity(process.pid) });
    expect(row.processStarted).toMatch(/^[0-9a-f-]+\/\d+\/\d+$/);
    await lease.release();
  });

  it("answers busy, naming the action once, while the holder process is alive", async () => {
    const child = await holderProcess();
    await leaseHeldBy(child.pid!, processIdentity(child.pid!)!);
    await expect(acquireLease(ctx.db, "the verify (step 3, Copy & diff)")).rejects.toThrow(
      /^Busy: the copy \(step 3, Copy & diff\) is running since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\. Try again when it has finished\.$/,
    );
  });

  it("takes the lease over once the holder process is gone", async () => {
    const child = await holderProcess();
    await leaseHeldBy(child.pid!, processIdentity(child.pid!)!);
    child.kill("SIGKILL");
    await once(child, "exit");
    const lease = await acquireLease(ctx.db, "the verify (step 3, Copy & diff)");
    expect((await ctx.db.lease.findUniqueOrThrow({ where: { name: "workflow" } })).holder).toBe(lease.holder);
    await lease.release();
  });

  it("takes it over when the pid now belongs to another process (same pid, another start time)", async () => {
    const child = await holderProcess();
    const [machine, namespace, ticks] = processIdentity(child.pid!)!.split("/");
    await leaseHeldBy(child.pid!, `${machine}/${namespace}/${Number(ticks) - 1}`);
    await expect(acquireLease(ctx.db, "the verify (step 3, Copy & diff)")).resolves.toMatchObject({
      holder: expect.any(String),
    });
  });

  it("waits out the expiry of a holder it cannot judge (another machine, container or boot)", async () => {
    await leaseHeldBy(4_000_000, "another-boot/4026531836/12345");
    await expect(acquireLease(ctx.db, "the verify (step 3, Copy & diff)")).rejects.toBeInstanceOf(BusyError);
    await ctx.db.lease.deleteMany();
    await leaseHeldBy(4_000_000, "another-boot/4026531836/12345", -1000);
    await expect(acquireLease(ctx.db, "the verify (step 3, Copy & diff)")).resolves.toBeDefined();
  });

  it("falls back to the pid alone for a lease an older version wrote without an identity", async () => {
    const child = await holderProcess();
    await leaseHeldBy(child.pid!, null);
    await expect(acquireLease(ctx.db, "the verify (step 3, Copy & diff)")).rejects.toBeInstanceOf(BusyError);
    child.kill("SIGKILL");
    await once(child, "exit");
    await expect(acquireLease(ctx.db, "the verify (step 3, Copy & diff)")).resolves.toBeDefined();
  });
});
