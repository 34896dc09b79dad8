import os from "node:os";

/**
 * DNS rebinding: a page on evil.example whose name is made to resolve to 127.0.0.1 can send
 * requests to the panel from the owner's own browser. They carry `Host: evil.example:3000`, so
 * the panel answers only requests addressed to itself: the configured host, or 127.0.0.1,
 * localhost and [::1], on its port. When bound to every address (0.0.0.0, ::), the machine's own
 * IP addresses count too; a name the attacker controls never does.
 */
export function allowedHosts(
  bindHost: string,
  port: number,
  interfaceAddresses: string[] = localAddresses(),
): ReadonlySet<string> {
  const names = new Set(["127.0.0.1", "localhost", "::1", normalizeName(bindHost)]);
  if (bindHost === "0.0.0.0" || bindHost === "::" || bindHost === "[::]") {
    for (const address of interfaceAddresses) names.add(normalizeName(address));
  }
  const hosts = new Set<string>();
  for (const name of names) {
    const shown = name.includes(":") ? `[${name}]` : name;
    hosts.add(`${shown}:${port}`);
    if (port === 80) hosts.add(shown);
  }
  return hosts;
}

export function isAllowedHost(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (!hostHeader) return false;
  const header = hostHeader.trim().toLowerCase();
  // A trailing dot names the same host ("localhost.:3000").
  return allowed.has(header) || allowed.has(header.replace(/\.(:\d+)?$/, "$1"));
}

function normalizeName(name: string): string {
  return name
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/%.*$/, "")
    .toLowerCase();
}

function localAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .map((entry) => entry?.address)
    .filter((address): address is string => Boolean(address));
}
