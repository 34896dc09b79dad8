import { describe, expect, it } from "vitest";
import { found, src } from "../testing/scan-text";

describe("runbook: docs that tell the owner to sync or copy a database", () => {
  it("finds imperative steps and the commands they show, in fences and inline code", () => {
    const text = src(
      "# Operations",
      "",
      "Run the sync after a batch of videos.",
      "",
      "```sh",
      "python3 sync_sqlite_db.py",
      "scp data/ytv2_content.db dash:/app/data/ytv2_content.db",
      "```",
      "",
      "If the Dashboard lost videos, copy the NAS database over the Dashboard's.",
      "Or fetch it: `curl -o data/ytv2_content.db https://nas.lan/ytv2_content.db`.",
      "Download a copy from `/api/download-database` with the bearer token.",
      "Set `SYNC_SECRET` to the value on Render.",
      "Download the database from the Dashboard before you start.",
    );
    expect(found("docs/OPERATIONS.md", text)).toEqual([3, 6, 7, 10, 11, 12, 13, 14].map((line) => [line, "runbook"]));
  });

  it("leaves descriptions, local reads, other uploads, async and lines that say the sync is gone alone", () => {
    const text = src(
      "The bot stores each report in `data/ytv2_content.db`.",
      "To inspect the database, open it with `sqlite3 data/ytv2_content.db`.",
      "Audio files are uploaded to the Dashboard after each video.",
      "Handlers are `async def` functions; asyncio runs them.",
      "The NAS syncs nothing any more: the sync was removed on 2025-10-02.",
      "Do not run `nas_sync.py`; it would overwrite the Dashboard.",
      "Set `SQLITE_SYNC_ENABLED=false` after the cutover.",
      "Back up the database with `scripts/backup_db.sh`.",
      "Use `synchronize_settings()` to reload the settings.",
      "Upload the summary to the database, then push your branch to GitHub.",
    );
    expect(found("README.md", text)).toEqual([]);
  });
});
