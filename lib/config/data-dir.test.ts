import { statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeTempDir } from "../../test/support/temp-dir";
import { createBackupFolder } from "../backup/backup-folder";
import { prepareDataDir } from "./data-dir";
import { parseEnv } from "./env";

const temps: Array<{ cleanup(): void }> = [];
afterEach(() => temps.splice(0).forEach((temp) => temp.cleanup()));

const modeOf = (dir: string) => statSync(dir).mode & 0o777;

function fresh(): string {
  const temp = makeTempDir("cutover-data-dir-");
  temps.push(temp);
  return path.join(temp.dir, "nested", "data");
}

describe("prepareDataDir", () => {
  it("creates the data dir (and every missing parent) private, mode 0700; the first backup makes backups/ 0700 too", () => {
    const dataDir = fresh();
    const paths = prepareDataDir(
      parseEnv({ CUTOVER_DATA_DIR: dataDir, DATABASE_URL: "postgresql://u:p@db.example.com/ytv2" }),
    );
    expect(modeOf(paths.dataDir)).toBe(0o700);
    expect(modeOf(path.dirname(paths.dataDir))).toBe(0o700);
    createBackupFolder(paths.backupsDir, new Date());
    expect(modeOf(paths.backupsDir)).toBe(0o700);
  });

  it("as root with the embedded server, lets its user `postgres` pass through the data dir (0711) but not list it", () => {
    const dataDir = fresh();
    const paths = prepareDataDir(parseEnv({ CUTOVER_DATA_DIR: dataDir }));
    expect(modeOf(paths.dataDir)).toBe(process.getuid?.() === 0 ? 0o711 : 0o700);
  });
});
