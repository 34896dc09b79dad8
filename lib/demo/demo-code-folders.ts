import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FindingKind } from "@/lib/scan/kinds";

export type DemoPlantedFinding = { folder: "NAS" | "Dashboard"; file: string; line: number; kind: FindingKind };

export type DemoCodeFolders = {
  nas: string;
  dashboard: string;
  /** what the sync-code scan must report on these folders, and nothing else */
  planted: DemoPlantedFinding[];
};

const NAS_FILES: Record<string, string> = {
  "modules/telegram_handler.py": `"""Telegram handler of the demo NAS: a link in, a summary out."""

import subprocess


def process_video(url, store):
    subprocess.run(["yt-dlp", "-x", "--audio-format", "mp3", url], check=True)
    subprocess.run(["ffmpeg", "-y", "-i", "in.mp3", "-ac", "1", "out.mp3"], check=True)
    report = store.summarize(url)
    store.save_report(report)
    subprocess.run(["python", "sync_sqlite_db.py"], check=False)
    return report
`,
  crontab: `# m h dom mon dow command
*/30 * * * * cd /app && python3 sync_sqlite_db.py >> logs/sync.log 2>&1
0 3 * * * /app/scripts/backup_db.sh
`,
  "scripts/backup_db.sh": `#!/bin/sh
set -eu
cp data/ytv2_content.db "backups/ytv2_content-$(date +%F).db"
`,
  ".gitignore": `data/ytv2_content.db
.env
`,
  "README.md": `# Demo NAS

Processes YouTube links sent to the Telegram bot and stores each report in \`data/ytv2_content.db\`.
`,
};

const DASHBOARD_FILES: Record<string, string> = {
  "server.py": `"""Demo Dashboard: the card list, and audio received from the NAS."""

from http.server import BaseHTTPRequestHandler


class DashboardHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path == "/api/upload-audio":
            self.store_audio()
        elif self.path == "/api/upload-database":
            self.send_error(410, "Database upload was removed")
        else:
            self.send_error(404)

    def handle_upload_database(self):
        length = int(self.headers["Content-Length"])
        self.replace_database_file(self.rfile.read(length))
        self.send_response(200)
        self.end_headers()

    def store_audio(self):
        self.send_response(201)
        self.end_headers()
`,
  ".env": `PORT=10000
SYNC_SECRET=demo-secret-not-a-real-one
READ_FROM_POSTGRES=false
`,
};

/** Lines the scan must report, written beside the files that hold them. */
const PLANTED: DemoPlantedFinding[] = [
  { folder: "NAS", file: "crontab", line: 2, kind: "scheduled_job" },
  { folder: "NAS", file: "modules/telegram_handler.py", line: 11, kind: "sync_invocation" },
  { folder: "Dashboard", file: ".env", line: 2, kind: "sync_env" },
  { folder: "Dashboard", file: "server.py", line: 15, kind: "dead_code" },
];

function writeFolder(root: string, files: Record<string, string>) {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

/**
 * Writes a small NAS and Dashboard code folder under `dir` (`nas/`, `dashboard/`) with sync code
 * planted for the cutover's scan: the Telegram handler's auto-sync call, a cron line that runs
 * the sync, a sync secret in an env file, and a database-upload handler whose route answers 410.
 * Writing again rewrites the same files.
 */
export function writeDemoCodeFolders(dir: string): DemoCodeFolders {
  const nas = path.join(dir, "nas");
  const dashboard = path.join(dir, "dashboard");
  writeFolder(nas, NAS_FILES);
  writeFolder(dashboard, DASHBOARD_FILES);
  return { nas, dashboard, planted: PLANTED };
}
