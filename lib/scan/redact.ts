/**
 * Snippets are shown in the panel, printed by the CLI and kept as evidence: a secret in the
 * scanned code (a `SYNC_SECRET=…` line, a bearer token, a password in a URL) must not travel
 * with them. Literal values are replaced by ***; references (`${SYNC_SECRET}`, `os.getenv(…)`) stay.
 */
const SECRET_ASSIGNMENT =
  /\b([A-Za-z0-9_]*(?:SECRET|TOKEN|PASSWORD|PASSWD|API_KEY|PRIVATE_KEY|secret|token|password|api_key)[A-Za-z0-9_]*["']?\s*(?:=|:\s)\s*)(["']?)([^\s"'#,}]+)\2/g;
const BEARER = /\b(Bearer\s+)([A-Za-z0-9._~+/=-]{6,})/g;
const URL_PASSWORD = /(\/\/[^/\s:@]+:)([^@\s/]+)(@)/g;

const isReference = (value: string) => /^(?:\$|\{|os\.|process\.|env\b|getenv|environ|\*\*\*)/.test(value);

export function redactSecrets(text: string): string {
  return text
    .replace(SECRET_ASSIGNMENT, (all, head: string, quote: string, value: string) =>
      isReference(value) ? all : `${head}${quote}***${quote}`,
    )
    .replace(BEARER, (all, head: string, value: string) => (isReference(value) ? all : `${head}***`))
    .replace(URL_PASSWORD, (all, head: string, value: string, at: string) =>
      isReference(value) ? all : `${head}***${at}`,
    );
}
