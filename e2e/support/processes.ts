import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import net from "node:net";

/**
 * Every process on this machine that belongs to a data dir: its command line names the dir
 * (the postmaster: `postgres -D <dir>/postgres/cluster`), it runs from inside it (PostgreSQL's
 * own workers, whose command line is only `postgres: checkpointer`), or its environment points
 * CUTOVER_DATA_DIR at it (the panel's node process).
 */
export function processesOfDataDir(dataDir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    if (Number(pid) === process.pid) continue;
    const read = (file: string) => {
      try {
        return readFileSync(`/proc/${pid}/${file}`, "utf8");
      } catch {
        return "";
      }
    };
    let cwd = "";
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      continue; // gone meanwhile
    }
    if (read("stat").split(") ")[1]?.startsWith("Z")) continue; // exited, waiting to be reaped
    const cmdline = read("cmdline").replaceAll("\0", " ").trim();
    const inEnvironment = read("environ").split("\0").includes(`CUTOVER_DATA_DIR=${dataDir}`);
    if (cmdline.includes(dataDir) || cwd === dataDir || cwd.startsWith(`${dataDir}/`) || inEnvironment) {
      found.push(`${pid} ${cmdline}`);
    }
  }
  return found;
}

export async function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Polls until `check` holds, for at most `timeoutMs`; returns whether it did. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}
