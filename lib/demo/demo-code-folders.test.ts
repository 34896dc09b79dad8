import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scanCodeFolders } from "@/lib/scan";
import { makeTempDir } from "@/test/support/temp-dir";
import { writeDemoCodeFolders } from "./demo-code-folders";

const temp = makeTempDir("cutover-demo-code-");
afterAll(() => temp.cleanup());

describe("writeDemoCodeFolders", () => {
  it("writes a NAS and a Dashboard folder on which the scan reports exactly the planted findings", async () => {
    const demo = writeDemoCodeFolders(temp.dir);
    const report = await scanCodeFolders([
      { label: "NAS", dir: demo.nas },
      { label: "Dashboard", dir: demo.dashboard },
    ]);
    expect(report.findings.map(({ folder, file, line, kind }) => ({ folder, file, line, kind }))).toEqual(demo.planted);
    const handler = readFileSync(path.join(demo.nas, "modules/telegram_handler.py"), "utf8").split("\n")[10];
    expect(handler).toContain('subprocess.run(["python", "sync_sqlite_db.py"]');
    expect(report.findings.find((f) => f.kind === "dead_code")!.snippet).toBe("def handle_upload_database(self):");
    expect(report.findings.find((f) => f.kind === "sync_env")!.snippet).toBe("SYNC_SECRET=***");
  });

  it("rewrites the same files when run again", async () => {
    const first = writeDemoCodeFolders(temp.dir);
    const again = writeDemoCodeFolders(temp.dir);
    expect(again).toEqual(first);
    const report = await scanCodeFolders([{ label: "NAS", dir: again.nas }]);
    expect(report.findings).toHaveLength(first.planted.filter((p) => p.folder === "NAS").length);
  });
});
