import { describe, expect, it } from "vitest";
import { found, src } from "../testing/scan-text";

describe("sync_invocation: the named scripts and whatever runs them", () => {
  it("finds the Telegram handler's auto-sync call and other subprocess or os.system runs of a sync script", () => {
    const text = src(
      "def after_video(self, report):",
      '    subprocess.run(["python", "sync_sqlite_db.py"], check=False)',
      '    os.system("python3 /app/nas_sync.py &")',
      '    asyncio.create_subprocess_exec("bash", "scripts/push_db.sh")',
      'SYNC_CMD = ["python3", "sync_sqlite_db.py"]',
    );
    expect(found("modules/telegram_handler.py", text)).toEqual([2, 3, 4, 5].map((line) => [line, "sync_invocation"]));
  });

  it("finds imports of a sync module and calls of a sync function, not their definitions", () => {
    const text = src(
      "from sync_sqlite_db import sync_database",
      "import nas_sync",
      "def sync_database():",
      "    return True",
      "await self.trigger_dashboard_sync(report)",
    );
    expect(found("jobs.py", text)).toEqual([
      [1, "sync_invocation"],
      [2, "sync_invocation"],
      [5, "sync_invocation"],
    ]);
  });

  it("leaves other subprocesses, async code, settings and the dual write alone", () => {
    const text = src(
      'subprocess.run(["ffmpeg", "-i", "in.mp4", "out.mp3"], check=True)',
      'subprocess.run(["yt-dlp", "-x", url], check=True)',
      "asyncio.run(main())",
      "self.synchronize_settings()",
      "from modules.dual_sync_coordinator import DualSyncCoordinator",
      "coordinator = DualSyncCoordinator()",
      'logger.error("sync_sqlite_db.py failed")',
    );
    expect(found("handler.py", text)).toEqual([]);
  });

  it("finds sync scripts named in shell, Makefiles, package scripts, entry points and python -m", () => {
    expect(found("run.sh", src("cd /app && ./sync.sh"))).toEqual([[1, "sync_invocation"]]);
    expect(found("Makefile", src("sync:", "\tpython3 nas_sync.py"))).toEqual([[2, "sync_invocation"]]);
    expect(found("package.json", src("{", '  "scripts": { "sync-db": "python nas_sync.py" }', "}"))).toEqual([
      [2, "sync_invocation"],
    ]);
    expect(found("pyproject.toml", src("[project.scripts]", 'ytv2-sync = "nas_sync:main"'))).toEqual([
      [2, "sync_invocation"],
    ]);
    expect(found("start.sh", src("python -m tools.nas_sync --once"))).toEqual([[1, "sync_invocation"]]);
  });
});

describe("sync_script: the sync script itself", () => {
  it("reports a sync script that holds code as a whole (line 0)", () => {
    expect(found("tools/nas_sync.py", src("import os", "print(os.getcwd())"))).toEqual([[0, "sync_script"]]);
  });

  it("leaves a sync script that is only a comment, and look-alike names, alone", () => {
    expect(found("nas_sync.py", src("# Removed: the Dashboard reads PostgreSQL."))).toEqual([]);
    expect(found("synchronize_settings.py", src("import os"))).toEqual([]);
    expect(found("async_worker.py", src("import asyncio"))).toEqual([]);
  });
});
