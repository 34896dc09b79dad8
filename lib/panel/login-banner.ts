/**
 * The last thing `npm start` prints: how to log in, framed so it stands out from the lines
 * above. The link stays on one unbroken line, so a terminal's link detection and copy take it
 * whole.
 */
export function loginBanner(options: { baseUrl: string; loginLink?: string; boundTo: string }): string {
  const lines = options.loginLink
    ? [
        "Open this one-time login link to log in:",
        "",
        `  ${options.loginLink}`,
        "",
        "It works once. Lost it? `npx cutover login-link` prints a new one.",
      ]
    : [`Log in with PANEL_PASSWORD at ${options.baseUrl}/login`];
  lines.push(
    "",
    `Panel on ${options.baseUrl}, bound to ${options.boundTo}.`,
    "Stop it with Ctrl-C (or SIGTERM): PostgreSQL stops with it; the data stays.",
  );
  const width = Math.max(...lines.map((line) => line.length));
  const rule = "─".repeat(width + 2);
  return [`┌${rule}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${rule}┘`].join("\n");
}
