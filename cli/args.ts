import { parseArgs as parseNodeArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./output";

/**
 * Strict command lines: each command declares its flags and how many positionals it takes,
 * and anything else is refused before the command runs (a typo like `--dryrun` must never
 * fall through to the real action). Node's own `parseArgs` tokenises and, in strict mode, has
 * the last word; the checks before it only turn its refusals into one line that names the
 * command and the offending argument.
 */
export type FlagSpec = { type: "boolean"; help?: string } | { type: "string"; placeholder: string; help?: string };

export type CommandSpec = {
  name: string;
  flags: Readonly<Record<string, FlagSpec>>;
  /** how many positionals the command takes (max: Infinity for a list), as shown in help */
  positionals: { min: number; max: number; usage?: string };
  /** rules between arguments, checked before anything runs; returns the refusal, if any */
  check?: (args: ParsedArgs) => string | undefined;
};

export type ParsedArgs = { command: string; positionals: string[]; flags: Map<string, string | true> };

/** `--help`/`-h` is accepted by every command (it prints the usage and changes nothing). */
const HELP_FLAG = "help";

export function parseCommandLine(argv: readonly string[], commands: readonly CommandSpec[]): ParsedArgs {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h")
    return { command: "help", positionals: [], flags: new Map() };
  if (name.startsWith("-")) throw new UsageError(`a command comes first, not "${name}" (see: cutover help)`);
  const spec = commands.find((command) => command.name === name);
  if (!spec) throw new UsageError(`unknown command "${name}" (see: cutover help)`);
  const parsed = parseFor(spec, rest);
  if (parsed.flags.has(HELP_FLAG)) return { command: "help", positionals: [spec.name], flags: new Map() };
  const refusal = spec.check?.(parsed);
  if (refusal) throw new UsageError(`${spec.name}: ${refusal}`);
  return parsed;
}

function parseFor(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options = {
    ...Object.fromEntries(Object.entries(spec.flags).map(([flag, { type }]) => [flag, { type }])),
    [HELP_FLAG]: { type: "boolean", short: "h" },
  } satisfies ParseArgsConfig["options"];
  const refuse = (why: string) => new UsageError(`${spec.name}: ${why} (see: cutover help)`);

  const { tokens } = parseNodeArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    const declared = token.name === HELP_FLAG ? { type: "boolean" as const } : spec.flags[token.name];
    if (!declared) {
      const hint = spec.positionals.max > 0 ? `; a value that starts with "-" goes after "--"` : "";
      throw refuse(`unknown option ${token.rawName}${hint}`);
    }
    if (flags.has(token.name)) throw refuse(`--${token.name} is given twice`);
    if (declared.type === "boolean") {
      if (token.value !== undefined) throw refuse(`--${token.name} takes no value`);
      flags.set(token.name, true);
      continue;
    }
    // `--note --confirm x`: an option where the value should be is a missing value, not a note.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith("-") && token.value !== "-")) {
      throw refuse(
        `--${token.name} needs a value (${declared.placeholder})${token.value === undefined ? "" : `, not the option ${token.value}; to pass text that starts with "-", write --${token.name}=TEXT`}`,
      );
    }
    flags.set(token.name, token.value);
  }

  const { min, max, usage = "" } = spec.positionals;
  if (flags.has(HELP_FLAG)) return { command: spec.name, positionals, flags };
  if (positionals.length < min) throw refuse(`needs ${usage}`);
  if (positionals.length > max) {
    const extra = `"${positionals.slice(max).join(" ")}"`;
    throw refuse(max === 0 ? `takes no arguments, not ${extra}` : `takes ${usage}, not also ${extra}`);
  }

  // Node's strict mode is the final authority on the syntax.
  try {
    parseNodeArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw refuse((error as Error).message.split("\n")[0]!);
  }
  return { command: spec.name, positionals, flags };
}
