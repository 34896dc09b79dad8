import { describe, expect, it } from "vitest";
import { OwnerFacingError } from "@/lib/workflow/types";
import { hostRemoval, redactUrl } from "./remote-source";

describe("redactUrl", () => {
  it("keeps scheme, host, port and path", () => {
    expect(redactUrl("https://dash.example.com:8443/api/download-database")).toBe(
      "https://dash.example.com:8443/api/download-database",
    );
  });

  it("drops user, password, query and fragment, where a token could hide", () => {
    expect(redactUrl("https://owner:s3cret@dash.example.com/api/download-database?token=abc#x")).toBe(
      "https://dash.example.com/api/download-database",
    );
  });

  it("refuses something that is not a URL with one owner-facing line", () => {
    expect(() => redactUrl("not a url")).toThrow(OwnerFacingError);
    expect(() => redactUrl("not a url")).toThrow("The remote source is not a valid URL: not a url");
  });
});

describe("hostRemoval", () => {
  it("tells the owner which file to remove on the host, in one line", () => {
    const removal = hostRemoval("dashboard", "https://dash.example.com/api/download-database", "/data/archive/T");
    expect(removal.url).toBe("https://dash.example.com/api/download-database");
    expect(removal.detail).toBe(
      "The Dashboard database stays on its host: once the archive in /data/archive/T is accepted, remove the SQLite " +
        "file served at https://dash.example.com/api/download-database there yourself; the tool cannot move or delete it",
    );
  });
});
