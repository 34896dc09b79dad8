import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import path from "node:path";
import { findFreePort } from "../../lib/target/embedded-server";

/**
 * Starts the real panel and waits for its login line: `npm start`'s script run by node itself,
 * or (`via: "npm"`) `npm start` as the owner types it, npm's own process then being `child`.
 * `pid()` is the panel's process: the one that holds the data dir's lock and serves.
 */
export type PanelProcess = {
  child: ChildProcess;
  baseUrl: string;
  loginUrl: string;
  output: () => string;
  pid: () => number;
};

export const freePort = findFreePort;

export function refuseRemoteDatabase(url: string | undefined) {
  if (!url) return;
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) {
    throw new Error(
      `e2e refuses to run against a non-local DATABASE_URL (${host}); unset it to use the embedded server.`,
    );
  }
}

export async function startPanel(
  dataDir: string,
  port: number,
  extraEnv: Record<string, string> = {},
  via: "node" | "npm" = "node",
): Promise<PanelProcess> {
  const root = process.cwd();
  const [command, args] =
    via === "npm"
      ? ["npm", ["start", "--", "--no-build"]]
      : [process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts", "--no-build"]];
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, CUTOVER_DATA_DIR: dataDir, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const match =
      /(http:\/\/\S+\/auth\/token\?token=\S+)/.exec(output) ?? /Log in with PANEL_PASSWORD at (\S+)/.exec(output);
    if (match) {
      const pid = () => JSON.parse(readFileSync(path.join(dataDir, "panel.lock.json"), "utf8")).pid as number;
      return { child, baseUrl: `http://127.0.0.1:${port}`, loginUrl: match[1]!, output: () => output, pid };
    }
    if (child.exitCode !== null) throw new Error(`The panel exited early:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGINT");
  throw new Error(`The panel did not print a login line in time:\n${output}`);
}

export async function stopPanel(panel: PanelProcess, signal: NodeJS.Signals = "SIGINT"): Promise<number | null> {
  if (panel.child.exitCode !== null) return panel.child.exitCode;
  panel.child.kill(signal);
  const [code] = (await once(panel.child, "exit")) as [number | null];
  return code;
}
