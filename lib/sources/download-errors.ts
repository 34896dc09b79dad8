import { formatBytes } from "./sizes";
import { shownUrl, TOKEN_VARIABLE, SOURCE_VARIABLE, type SourceRole } from "./source-setting";

/**
 * The one line the owner reads for each way a download goes wrong; completed by `fail` with
 * "<Role> download …". None of them may carry the token, and URLs are shown without queries.
 */
type Who = { role: SourceRole; token?: string; stallMs?: number };

export function describeStatus(status: number, who: Who, where: string): string {
  const token = TOKEN_VARIABLE[who.role];
  if (status === 401 || status === 403) {
    const fix = who.token
      ? `${token} is not accepted (it must be the Dashboard's SYNC_SECRET)`
      : `${token} is not set (set it to the Dashboard's SYNC_SECRET)`;
    return `was refused (HTTP ${status}) by ${where}: ${fix}`;
  }
  if (status === 404) {
    return `found nothing (HTTP 404) at ${where}: check ${SOURCE_VARIABLE[who.role]} (the Dashboard serves its file at /api/download-database)`;
  }
  if (status >= 500)
    return `failed with a server error (HTTP ${status}) at ${where}; try again later, or read the host's logs`;
  if (status >= 300 && status < 400) return `got a redirect without a Location (HTTP ${status}) from ${where}`;
  return `got HTTP ${status} from ${where}, not the database file`;
}

const SQLITE_HEADER = "SQLite format 3\0";

/** Undefined when the body starts like a SQLite file and is not labelled as a web page or JSON. */
export function describeWrongBody(head: Buffer, contentType: string, who: Who): string | undefined {
  const text = head.toString("utf8");
  const looksHtml = contentType.includes("html") || /^\s*</.test(text);
  const looksJson = contentType.includes("json") || /^\s*[{[]/.test(text);
  const label = contentType ? `, ${contentType.split(";")[0]}` : "";
  if (looksHtml && !head.toString("latin1", 0, 16).startsWith(SQLITE_HEADER)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
    return `returned a web page instead of the database (HTTP 200${label}${title ? `: "${oneLine(title, who)}"` : ""}); check ${SOURCE_VARIABLE[who.role]}: it must be the /api/download-database address`;
  }
  if (looksJson) return `returned a JSON reply instead of the database (HTTP 200${label}: ${oneLine(text, who)})`;
  if (contentType.includes("html")) return `returned a web page instead of the database (HTTP 200${label})`;
  if (head.toString("latin1", 0, 16) !== SQLITE_HEADER) {
    return `is not a SQLite file (HTTP 200${label}; it starts with "${oneLine(head.toString("latin1", 0, 16), who)}")`;
  }
  return undefined;
}

function oneLine(text: string, who: Who): string {
  let line = text
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  // A server that echoes the request back must not make us print the token.
  if (who.token) line = line.split(who.token).join("…");
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}

const CERTIFICATE_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** A failure before or outside the body (the body's own breaks are described where they happen). */
export function describeNetworkError(error: unknown, url: URL, who: Who, received: number): string {
  const code = String((error as { code?: unknown })?.code ?? "");
  const host = url.host;
  if (code === "ESTALL") {
    const after = received > 0 ? ` after ${formatBytes(received)}` : "";
    return `stalled: no data from ${host} for ${Math.round((who.stallMs ?? 0) / 1000)} s${after}; nothing was kept, try again`;
  }
  if (CERTIFICATE_CODES.has(code)) {
    return `failed: the TLS certificate of ${host} is not trusted (${code}); the host must present a valid certificate`;
  }
  if (code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL") || code === "EPROTO") {
    return `failed: TLS error talking to ${host} (${code}); is it an https:// server?`;
  }
  if (code === "ECONNREFUSED")
    return `could not connect to ${host} (connection refused); is ${shownUrl(url.href)} right?`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return `could not find the host ${url.hostname} (DNS lookup failed)`;
  if (code === "ECONNRESET" || code === "EPIPE" || code === "ECONNABORTED") {
    return `broke off: ${host} closed the connection (${code}) before the file came; try again`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `failed talking to ${host} (${code || message.slice(0, 80)})`;
}
