import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { findFreePort } from "../../lib/target/embedded-server";

/** Starts the real launcher (`npm start`'s script) and waits for its login line. */
export type PanelProcess = { child: ChildProcess; baseUrl: string; loginUrl: string; output: () => string };

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
): Promise<PanelProcess> {
  const root = process.cwd();
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/start.ts", "--no-build"],
    {
      cwd: root,
      env: { ...process.env, CUTOVER_DATA_DIR: dataDir, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1", ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const match =
      /(http:\/\/\S+\/auth\/token\?token=\S+)/.exec(output) ?? /Log in with PANEL_PASSWORD at (\S+)/.exec(output);
    if (match) return { child, baseUrl: `http://127.0.0.1:${port}`, loginUrl: match[1]!, output: () => output };
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
