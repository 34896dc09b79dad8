import { describe, expect, it } from "vitest";
import { parseCommandLine } from "./args";
import { COMMANDS, usageText } from "./command-table";
import { UsageError } from "./output";

const parse = (...argv: string[]) => parseCommandLine(argv, COMMANDS);

/** The refusal's message, asserting it is a usage error (exit 2) of exactly one line. */
function refusal(...argv: string[]): string {
  try {
    parse(...argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error(`accepted: ${argv.join(" ")}`);
}

describe("parseCommandLine", () => {
  it("splits the command, positionals and flags", () => {
    const parsed = parse("approve", "backup", "--note", "count differs: 66", "--confirm=copy is complete");
    expect(parsed.command).toBe("approve");
    expect(parsed.positionals).toEqual(["backup"]);
    expect(parsed.flags.get("note")).toBe("count differs: 66");
    expect(parsed.flags.get("confirm")).toBe("copy is complete");
    expect(parse("status", "--json").flags.get("json")).toBe(true);
  });

  it("keeps '=' inside an inline value and takes a value that starts with '-' only inline", () => {
    expect(parse("report", "--out=a=b.md").flags.get("out")).toBe("a=b.md");
    expect(parse("approve", "backup", "--note=--not an option").flags.get("note")).toBe("--not an option");
    expect(parse("approve", "backup", "--note", "-").flags.get("note")).toBe("-");
  });

  it("refuses an unknown command", () => {
    expect(refusal("frobnicate")).toBe('unknown command "frobnicate" (see: cutover help)');
    expect(refusal("--json")).toMatch(/^a command comes first, not "--json"/);
  });

  it("refuses an unknown flag: `schema --dryrun` never reaches the schema command", () => {
    expect(refusal("schema", "--dryrun")).toBe("schema: unknown option --dryrun (see: cutover help)");
    expect(refusal("status", "--jsn")).toMatch(/^status: unknown option --jsn/);
    expect(refusal("copy", "-f")).toMatch(/^copy: unknown option -f/);
    // A flag of another command is unknown here too.
    expect(refusal("backup", "--dry-run")).toMatch(/^backup: unknown option --dry-run/);
  });

  it("refuses a flag missing its value: `--note --confirm x` does not take --confirm as the note", () => {
    expect(refusal("approve", "copy", "--note", "--confirm", "x")).toMatch(
      /^approve: --note needs a value \(TEXT\), not the option --confirm; to pass text that starts with "-", write --note=TEXT/,
    );
    expect(refusal("approve", "backup", "--note")).toBe("approve: --note needs a value (TEXT) (see: cutover help)");
    expect(refusal("report", "--out")).toMatch(/^report: --out needs a value \(FILE\)/);
  });

  it("refuses a value given to a boolean flag", () => {
    expect(refusal("status", "--json=yes")).toBe("status: --json takes no value (see: cutover help)");
    expect(refusal("schema", "--dry-run=false")).toMatch(/^schema: --dry-run takes no value/);
  });

  it("refuses extra or missing positionals", () => {
    expect(refusal("status", "now")).toBe('status: takes no arguments, not "now" (see: cutover help)');
    expect(refusal("schema", "apply", "--dry-run")).toMatch(/^schema: takes no arguments, not "apply"/);
    expect(refusal("approve")).toBe("approve: needs <step> (see: cutover help)");
    expect(refusal("approve", "backup", "schema")).toMatch(/^approve: takes <step>, not also "schema"/);
    expect(refusal("dual-write")).toMatch(/^dual-write: needs on\|off/);
  });

  it("refuses a flag given twice", () => {
    expect(refusal("approve", "backup", "--note", "a", "--note", "b")).toMatch(/^approve: --note is given twice/);
  });

  it("checks positional values before anything runs", () => {
    expect(refusal("approve", "everything")).toBe(
      'approve: "everything" is not a step: backup, schema, copy, parity, cutover, archive',
    );
    expect(refusal("decide", "abc", "title", "sideways")).toMatch(/^decide: "sideways" is not a choice/);
    expect(refusal("decide", "abc")).toMatch(
      /^decide: needs <videoId> <field\|record\|listing> <choice>, or --confirm-defaults/,
    );
    expect(refusal("decide", "abc", "--confirm-defaults")).toBe("decide: --confirm-defaults takes no other arguments");
    expect(refusal("dual-write", "maybe")).toBe('dual-write: takes on or off, not "maybe"');
    expect(refusal("help", "frobnicate")).toBe('help: unknown command "frobnicate"');
  });

  it("takes a video id that starts with '-' after '--', and says so when it is not", () => {
    expect(parse("decide", "--note", "x", "--", "-a1b2c3d4e5", "title", "nas").positionals).toEqual([
      "-a1b2c3d4e5",
      "title",
      "nas",
    ]);
    expect(refusal("decide", "-a1b2c3d4e5", "title", "nas")).toMatch(
      /^decide: unknown option -a; a value that starts with "-" goes after "--"/,
    );
  });

  it("accepts the later steps' commands with DESIGN.md's arguments", () => {
    expect(parse("scan", "/srv/nas", "/srv/dashboard", "--json").positionals).toEqual(["/srv/nas", "/srv/dashboard"]);
    expect(parse("scan").positionals).toEqual([]);
    expect(parse("dual-write", "off").positionals).toEqual(["off"]);
    expect(parse("report", "--out", "report.html", "--json").flags).toEqual(
      new Map<string, string | true>([
        ["out", "report.html"],
        ["json", true],
      ]),
    );
    for (const name of ["parity", "shadow", "drill", "flip", "rollback", "freeze", "archive"])
      expect(parse(name, "--json").command).toBe(name);
    expect(parse("flip", "--confirm", "read from postgresql").flags.get("confirm")).toBe("read from postgresql");
    expect(refusal("flip", "now")).toMatch(/flip: takes no arguments, not "?now/);
    expect(refusal("scan", "--acknowledge", "abc123")).toMatch(/--acknowledge and --note go together/);
    expect(refusal("scan", "/srv", "--acknowledge", "abc12345", "--note", "x")).toMatch(/takes no folders/);
    expect(refusal("rollback", "--confirm")).toMatch(/--confirm needs a value \(TEXT\)/);
    expect(parse("archive", "--confirm", "move the originals aside").flags.get("confirm")).toBe(
      "move the originals aside",
    );
    expect(refusal("archive", "--open-window", "--confirm", "x")).toMatch(/are separate steps/);
    expect(refusal("archive", "now")).toMatch(/archive/);
  });

  it("treats help, --help and -h (also after a command) as help", () => {
    for (const argv of [[], ["help"], ["--help"], ["-h"], ["schema", "--help"], ["approve", "-h"], ["help", "copy"]]) {
      expect(parse(...argv).command, argv.join(" ")).toBe("help");
    }
    // --help does not excuse a typo beside it.
    expect(refusal("schema", "--dryrun", "--help")).toMatch(/unknown option --dryrun/);
  });

  it("gives a command's own usage for `<command> --help` and `help <command>`", () => {
    expect(parse("copy", "--help").positionals).toEqual(["copy"]);
    expect(parse("help", "copy").positionals).toEqual(["copy"]);
    const text = usageText("copy");
    expect(text.split("\n")[0]).toBe("Usage: cutover copy");
    expect(text).not.toContain("schema [--dry-run]");
    expect(usageText("help")).toBe(usageText());
  });

  it("lists every command in the help text", () => {
    const text = usageText();
    for (const entry of COMMANDS) expect(text).toContain(`  ${entry.name}`);
    expect(text).toContain("schema [--dry-run]");
    expect(text).toContain("approve <step> [--note TEXT] [--confirm TEXT]");
  });
});
