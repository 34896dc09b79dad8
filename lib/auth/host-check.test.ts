import { describe, expect, it } from "vitest";
import { allowedHosts, isAllowedHost } from "./host-check";

describe("Host check (DNS rebinding)", () => {
  const loopback = allowedHosts("127.0.0.1", 3000, ["192.168.1.20"]);

  it("accepts the panel's own address and the loopback names on its port", () => {
    for (const host of ["127.0.0.1:3000", "localhost:3000", "LOCALHOST:3000", "[::1]:3000", "localhost.:3000"]) {
      expect(isAllowedHost(host, loopback), host).toBe(true);
    }
  });

  it("refuses any other name, another port, a missing Host and the machine's LAN address when bound to loopback", () => {
    for (const host of [
      "evil.example:3000",
      "127.0.0.1.evil.example:3000",
      "127.0.0.1:3001",
      "127.0.0.1",
      "192.168.1.20:3000",
      "",
      undefined,
    ]) {
      expect(isAllowedHost(host, loopback), String(host)).toBe(false);
    }
  });

  it("bound to every address, also accepts the machine's own IP addresses, never a name", () => {
    const everywhere = allowedHosts("0.0.0.0", 8080, ["192.168.1.20", "fe80::1%eth0"]);
    expect(isAllowedHost("192.168.1.20:8080", everywhere)).toBe(true);
    expect(isAllowedHost("[fe80::1]:8080", everywhere)).toBe(true);
    expect(isAllowedHost("panel.example:8080", everywhere)).toBe(false);
  });

  it("accepts a Host without port only on port 80", () => {
    expect(isAllowedHost("localhost", allowedHosts("127.0.0.1", 80, []))).toBe(true);
  });
});
