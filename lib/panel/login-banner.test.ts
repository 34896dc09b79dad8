import { describe, expect, it } from "vitest";
import { loginBanner } from "./login-banner";

describe("loginBanner", () => {
  const link = "http://127.0.0.1:3000/auth/token?token=AF_odsDgLPnJM0w2DV1pnNP4_ALqapX9";

  it("frames the one-time link on a line of its own, unbroken, with how to stop", () => {
    const lines = loginBanner({ baseUrl: "http://127.0.0.1:3000", loginLink: link, boundTo: "127.0.0.1" }).split("\n");
    expect(lines[0]).toMatch(/^┌─+┐$/);
    expect(lines.at(-1)).toMatch(/^└─+┘$/);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^│ +${link.replaceAll("?", "\\?")} +│$`)));
    expect(lines.join("\n")).toContain("Stop it with Ctrl-C (or SIGTERM)");
  });

  it("with PANEL_PASSWORD, says where to log in and prints no link", () => {
    const text = loginBanner({ baseUrl: "http://127.0.0.1:3000", boundTo: "127.0.0.1" });
    expect(text).toContain("Log in with PANEL_PASSWORD at http://127.0.0.1:3000/login");
    expect(text).not.toContain("token=");
  });
});
