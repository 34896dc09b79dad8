import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeTempDir } from "../../test/support/temp-dir";
import { currentProcessIdentity, processStartTime } from "../common/process";
import { acquirePanelLock, runningPanel } from "./panel-lock";

const temps: Array<{ cleanup(): void }> = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  temps.splice(0).forEach((temp) => temp.cleanup());
});

function lockFile(): string {
  const temp = makeTempDir("cutover-lock-");
  temps.push(temp);
  return path.join(temp.dir, "panel.lock.json");
}

/** Another live process on this machine, standing in for a panel that holds the lock. */
function liveProcess(): { pid: number; startTime: string } {
  const child = spawn("sleep", ["60"], { stdio: "ignore" });
  children.push(child);
  return { pid: child.pid!, startTime: processStartTime(child.pid!)! };
}

const write = (file: string, holder: object) =>
  writeFileSync(file, JSON.stringify({ url: "http://127.0.0.1:3000", startedAt: "2026-01-01T00:00:00Z", ...holder }));

describe("panel lock", () => {
  it("names this process by pid and start time, and releases only its own lock", () => {
    const file = lockFile();
    const release = acquirePanelLock(file, "http://127.0.0.1:3000");
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
      ...currentProcessIdentity(),
      url: "http://127.0.0.1:3000",
    });
    release();
    expect(existsSync(file)).toBe(false);
  });

  it("refuses while the process it names is alive, with the same start time", () => {
    const file = lockFile();
    const holder = liveProcess();
    write(file, holder);
    expect(() => acquirePanelLock(file, "http://127.0.0.1:3001")).toThrow(
      new RegExp(`already running on this data dir \\(pid ${holder.pid}, http://127.0.0.1:3000\\)`),
    );
    expect(runningPanel(file)).toEqual({ pid: holder.pid, url: "http://127.0.0.1:3000" });
  });

  it("takes over a lock whose pid now belongs to another process (pid reuse: the start time differs)", () => {
    const file = lockFile();
    const other = liveProcess();
    write(file, { pid: other.pid, startTime: String(Number(other.startTime) - 1) });
    expect(runningPanel(file)).toBeUndefined();
    const release = acquirePanelLock(file, "http://127.0.0.1:3001");
    expect(JSON.parse(readFileSync(file, "utf8")).pid).toBe(process.pid);
    release();
  });

  it("takes over a lock whose process is gone", async () => {
    const file = lockFile();
    const gone = spawn("true");
    await new Promise((resolve) => gone.once("exit", resolve));
    write(file, { pid: gone.pid, startTime: "1" });
    acquirePanelLock(file, "http://127.0.0.1:3001")();
  });
});
