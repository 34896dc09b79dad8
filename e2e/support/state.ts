import { readFileSync } from "node:fs";

export type PanelState = { pid: number; dataDir: string; baseUrl: string; loginUrl: string };

export function readPanelState(): PanelState {
  return JSON.parse(readFileSync("e2e/.state/panel.json", "utf8")) as PanelState;
}

export function screenshotPath(name: string) {
  return `e2e/artifacts/${name}.png`;
}
