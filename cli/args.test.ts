import { describe, expect, it } from "vitest";
import { parseArgs } from "./args";

describe("parseArgs", () => {
  const valueFlags = new Set(["note", "out"]);

  it("splits the command, positionals and flags", () => {
    const parsed = parseArgs(["approve", "backup", "--note", "count differs: 66", "--json"], valueFlags);
    expect(parsed.command).toBe("approve");
    expect(parsed.positionals).toEqual(["backup"]);
    expect(parsed.flags.get("note")).toBe("count differs: 66");
    expect(parsed.flags.get("json")).toBe(true);
  });

  it("accepts --key=value, keeping '=' inside the value", () => {
    expect(parseArgs(["report", "--out=a=b.md"], valueFlags).flags.get("out")).toBe("a=b.md");
  });

  it("refuses a value flag without a value", () => {
    expect(() => parseArgs(["approve", "backup", "--note"], valueFlags)).toThrow(/--note needs a value/);
  });
});
