import { nameWords } from "../names";

/**
 * A whole-database endpoint path: `/api/upload-database`, `/api/download-database`,
 * `/sync_db`, `/api/database/restore`. An audio or report upload (`/api/upload-audio`) is not one,
 * nor a script's path (`/app/scripts/push_db.sh`).
 */
const ENDPOINT =
  /\/(?:api\/)?(?:[\w-]*[-_/])?(?:upload|download|sync|replace|push|pull|import|export|restore|fetch)[-_/](?:the[-_])?(?:database|db|sqlite)(?:[-_]file)?(?![\w.-])|\/(?:api\/)?(?:database|db|sqlite)\/(?:upload|download|sync|replace|push|pull|import|export|restore)(?![\w.-])/gi;

export function endpointPaths(text: string): string[] {
  return text.match(ENDPOINT) ?? [];
}

/** The words of an endpoint path, `db` read as `database`: `/api/upload-db` → upload, database. */
export function endpointWords(endpoint: string): string[] {
  return nameWords(endpoint)
    .filter((w) => w !== "api")
    .map((w) => (w === "db" || w === "sqlite" ? "database" : w));
}

/** An answer of 410 Gone, in any framework's spelling. */
export const GONE = /\b410\b|HTTPStatus\.GONE|HTTP_410_GONE|HTTPGone|\bGone\s*\(|status\.GONE/;

/** A line that defines a route rather than calling one. */
export const ROUTE_DEFINITION =
  /^\s*(?:@[\w.]*(?:route|get|post|put|patch|delete|api_route|websocket)\s*\(|(?:el)?if\b.*\b(?:path|url|endpoint|route|pathname)\b|case\s|[\w.]*add_url_rule\s*\(|[\w.]*(?:app|router|bp|blueprint)\.(?:get|post|put|patch|delete|route|add_route|add_api_route)\s*\()/i;
