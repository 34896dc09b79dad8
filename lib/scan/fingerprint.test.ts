import { describe, expect, it } from "vitest";
import { redactSecrets } from "./redact";
import { findingsIn, src } from "./testing/scan-text";

const CALL = 'subprocess.run(["python", "sync_sqlite_db.py"])';

describe("finding fingerprints", () => {
  it("survive line shifts and re-indentation", () => {
    const before = findingsIn("h.py", src("def a():", `    ${CALL}`));
    const after = findingsIn("h.py", src("import os", "", "", "def a():", "    if True:", `        ${CALL}`));
    expect(after[0]!.line).not.toBe(before[0]!.line);
    expect(after[0]!.fingerprint).toBe(before[0]!.fingerprint);
  });

  it("differ between two identical lines of one file, and between files", () => {
    const twice = findingsIn("h.py", src(CALL, CALL));
    expect(twice).toHaveLength(2);
    expect(twice[0]!.fingerprint).not.toBe(twice[1]!.fingerprint);
    expect(findingsIn("g.py", src(CALL))[0]!.fingerprint).not.toBe(twice[0]!.fingerprint);
  });

  it("keep one finding per line, the most specific kind", () => {
    const [finding, ...rest] = findingsIn(
      "crontab",
      src("*/5 * * * * SYNC_SECRET=x curl -F db=@/app/ytv2_content.db https://d/api/upload-database"),
    );
    expect(rest).toEqual([]);
    expect(finding!.kind).toBe("scheduled_job");
  });
});

describe("redactSecrets", () => {
  it("hides literal secrets, bearer tokens and URL passwords, and keeps references", () => {
    expect(redactSecrets("SYNC_SECRET=abc123")).toBe("SYNC_SECRET=***");
    expect(redactSecrets('SYNC_SECRET: "abc123"')).toBe('SYNC_SECRET: "***"');
    expect(redactSecrets('-H "Authorization: Bearer abcdef123456"')).toBe('-H "Authorization: Bearer ***"');
    expect(redactSecrets("https://ytv2:hunter2@nas.lan/db")).toBe("https://ytv2:***@nas.lan/db");
    expect(redactSecrets("SYNC_SECRET=${SYNC_SECRET}")).toBe("SYNC_SECRET=${SYNC_SECRET}");
    expect(redactSecrets("Bearer $SYNC_SECRET")).toBe("Bearer $SYNC_SECRET");
    expect(redactSecrets('sync_secret = os.getenv("SYNC_SECRET")')).toBe('sync_secret = os.getenv("SYNC_SECRET")');
  });
});
