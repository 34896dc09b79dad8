import { ConfigError } from "../lib/config/env";
import { describeError } from "../lib/common/action-result";
import { OwnerFacingError } from "../lib/workflow/types";

/** Exit codes: 0 did what it says; 1 refused or failed (one line on stderr); 2 wrong usage. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function exitWithError(error: unknown): never {
  if (error instanceof UsageError) {
    process.stderr.write(`cutover: ${error.message}\n`);
    process.exit(2);
  }
  const message =
    error instanceof OwnerFacingError || error instanceof ConfigError ? error.message : describeError(error);
  process.stderr.write(`cutover: ${message.replace(/\s*\n\s*/g, " ")}\n`);
  process.exit(1);
}

export function printJson(value: unknown) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Progress goes to stderr so stdout stays clean for --json and pipes. */
export function progressLine(text: string) {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${text}`);
  else process.stderr.write(`${text}\n`);
}
