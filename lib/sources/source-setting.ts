import { realpathSync, statSync } from "node:fs";
import path from "node:path";

/**
 * What NAS_DB and DASHBOARD_DB may name: a local SQLite file, or the URL its host serves it at
 * (the Dashboard on Render: `GET <dashboard>/api/download-database`, YTV2-CONTRACT.md §4).
 * Pure apart from the same-file check, which must look at the disk to see through links.
 */
export type SourceRole = "nas" | "dashboard";
export const SOURCE_ROLES: readonly SourceRole[] = ["nas", "dashboard"];
export const ROLE_LABEL: Record<SourceRole, string> = { nas: "NAS", dashboard: "Dashboard" };
export const SOURCE_VARIABLE: Record<SourceRole, string> = { nas: "NAS_DB", dashboard: "DASHBOARD_DB" };
export const TOKEN_VARIABLE: Record<SourceRole, string> = { nas: "NAS_DB_TOKEN", dashboard: "DASHBOARD_DB_TOKEN" };

export type SourceOrigin = { kind: "file"; path: string } | { kind: "url"; url: string };

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

export function isUrlSetting(value: string): boolean {
  return SCHEME.test(value);
}

/** A URL stays as given (checked by sourceSettingProblem); a path is made absolute. */
export function resolveSourceSetting(cwd: string, value: string): string {
  return isUrlSetting(value) ? value : path.resolve(cwd, value);
}

export function originOf(setting: string): SourceOrigin {
  return isUrlSetting(setting) ? { kind: "url", url: setting } : { kind: "file", path: setting };
}

/** The URL as the owner may see it: never its query string or credentials (either could hold a secret). */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return "(an unreadable URL)";
  }
}

export function shownOrigin(origin: SourceOrigin): string {
  return origin.kind === "url" ? shownUrl(origin.url) : origin.path;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Why a URL setting cannot be used, in one line; undefined when it can. */
export function urlSettingProblem(role: SourceRole, value: string): string | undefined {
  const variable = SOURCE_VARIABLE[role];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${variable} is not a valid URL: ${shownUrl(value)}`;
  }
  if (url.username || url.password) {
    return `${variable} has credentials in its URL (${shownUrl(value)}); remove them and put the token in ${TOKEN_VARIABLE[role]}`;
  }
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:") {
    return isLoopbackHost(url.hostname)
      ? undefined
      : `${variable} must use https:// (plain http:// is allowed only for 127.0.0.1 or localhost): ${shownUrl(value)}`;
  }
  return `${variable} must be a file path or an https:// URL, not ${url.protocol}//…`;
}

export type SourceSettings = {
  sources: Record<SourceRole, string> | undefined;
  tokens: Partial<Record<SourceRole, string>>;
};

/**
 * Configuration-time refusals for the two sources, each one line: a URL that cannot be used, a
 * token without a URL to send it to, and one file or URL given as both sources (by path,
 * through a symlink or a hard link: compared by real path and by device and inode).
 */
export function sourceSettingsProblem({ sources, tokens }: SourceSettings): string | undefined {
  for (const role of SOURCE_ROLES) {
    const setting = sources?.[role];
    if (setting && isUrlSetting(setting)) {
      const problem = urlSettingProblem(role, setting);
      if (problem) return problem;
    } else if (tokens[role]) {
      return setting
        ? `${TOKEN_VARIABLE[role]} is set but ${SOURCE_VARIABLE[role]} is a file path; the token is only sent to a URL`
        : `${TOKEN_VARIABLE[role]} is set but ${SOURCE_VARIABLE[role]} is not`;
    }
  }
  if (!sources) return undefined;
  const same = sameSource(sources.nas, sources.dashboard);
  return same ? `NAS_DB and DASHBOARD_DB name the same ${same}; each must name its own source` : undefined;
}

function sameSource(nas: string, dashboard: string): string | undefined {
  if (isUrlSetting(nas) || isUrlSetting(dashboard)) {
    return isUrlSetting(nas) && isUrlSetting(dashboard) && shownUrl(nas) === shownUrl(dashboard)
      ? `URL (${shownUrl(nas)})`
      : undefined;
  }
  if (nas === dashboard) return `file (${nas})`;
  try {
    const [realNas, realDashboard] = [realpathSync(nas), realpathSync(dashboard)];
    if (realNas === realDashboard) return `file (${nas} and ${dashboard} are both ${realNas})`;
    const [a, b] = [statSync(nas), statSync(dashboard)];
    if (a.dev === b.dev && a.ino === b.ino) return `file (${nas} and ${dashboard} are hard links to one file)`;
  } catch {
    // A missing file is refused later, by the step that reads it, with its own line.
  }
  return undefined;
}
