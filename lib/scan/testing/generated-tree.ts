import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** A Python module that talks to its own database a lot, so every statement goes through the rules. */
function pythonModule(i: number): string {
  const lines = [
    `"""Module ${i}: reports, queries and helpers of the NAS."""`,
    "",
    "import sqlite3",
    "import subprocess",
    "",
  ];
  for (let f = 0; f < 12; f++) {
    lines.push(
      `def query_${i}_${f}(db_path, video_id):`,
      `    """Read one report from the database file; never syncs anything."""`,
      "    conn = sqlite3.connect(db_path)",
      "    try:",
      '        row = conn.execute("SELECT * FROM content WHERE video_id = ?", (video_id,)).fetchone()',
      `        subprocess.run(["ffmpeg", "-i", f"in_{f}.mp4", "out.mp3"], check=True)`,
      "        return dict(row) if row else None",
      "    finally:",
      "        conn.close()",
      "",
    );
  }
  return `${lines.join("\n")}\n`;
}

const shellScript = (i: number) =>
  `#!/bin/sh\n# Housekeeping ${i}\nset -eu\nfind downloads -name '*.mp3' -mtime +30 -delete\nsqlite3 data/ytv2_content.db "PRAGMA integrity_check"\ncp data/ytv2_content.db backups/ytv2-${i}.db\n`;
const markdown = (i: number) =>
  `# Note ${i}\n\nThe database lives in \`data/ytv2_content.db\`; inspect it with sqlite3.\n\nAudio files are uploaded to the Dashboard after each video.\n`;
const yaml = (i: number) =>
  `name: job-${i}\non: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest -q tests/test_${i}.py\n`;

/** The planted findings, with the lines they are on. */
export const GENERATED_PLANTED = [
  { file: "pkg-007/handler.py", line: 3, kind: "sync_invocation" },
  { file: "pkg-031/deploy.sh", line: 2, kind: "db_transfer" },
  { file: "pkg-049/crontab", line: 1, kind: "scheduled_job" },
];

/** Writes `files` files (Python, shell, Markdown, YAML in 50 packages) with three planted findings. */
export function writeGeneratedTree(root: string, files: number): void {
  const makers = [pythonModule, pythonModule, pythonModule, shellScript, markdown, yaml];
  const extensions = [".py", ".py", ".py", ".sh", ".md", ".yml"];
  for (let i = 0; i < files - GENERATED_PLANTED.length; i++) {
    const dir = path.join(root, `pkg-${String(i % 50).padStart(3, "0")}`, `sub-${i % 7}`);
    mkdirSync(dir, { recursive: true });
    const kind = i % makers.length;
    writeFileSync(path.join(dir, `file_${i}${extensions[kind]}`), makers[kind]!(i));
  }
  const plant = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  plant("pkg-007/handler.py", 'import subprocess\n\nsubprocess.run(["python", "sync_sqlite_db.py"])\n');
  plant("pkg-031/deploy.sh", "#!/bin/sh\nscp data/ytv2_content.db dash:/app/data/ytv2_content.db\n");
  plant("pkg-049/crontab", "*/10 * * * * python3 /app/nas_sync.py\n");
}
