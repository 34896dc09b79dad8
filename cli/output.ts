import { ConfigError } from "../lib/config/env";
import { describeError } from "../lib/common/action-result";
import { createProgressTracker, formatProgress } from "../lib/workflow/progress";
import { OwnerFacingError, type ProgressReporter } from "../lib/workflow/types";

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

/**
 * A progress reporter for the terminal, on stderr so stdout stays clean for --json and pipes:
 * every report goes through the tracker (a phase's clock starts at its first report), and a line
 * is printed at most every half second, and at a phase's end, never twice for the same count.
 */
export function createProgressPrinter(): ProgressReporter {
  const track = createProgressTracker();
  let lastAt = 0;
  let lastKey = "";
  return (progress) => {
    const snapshot = track(progress);
    const key = `${progress.phase}\u0000${progress.done}`;
    if (key === lastKey || (Date.now() - lastAt < 500 && progress.done < progress.total)) return;
    lastAt = Date.now();
    lastKey = key;
    const text = formatProgress(snapshot);
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${text}`);
    else process.stderr.write(`${text}\n`);
  };
}
