import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endOwnerSession, startOwnerSession } from "@/lib/auth/owner-session";
import { makeTestContext } from "@/test/support/app-context";
import { reportDownloadResponse } from "./download";

/** The download's own session check, on a real control DB: the proxy is not the only guard. */
const ctx = makeTestContext();
beforeAll(() => ctx.db.$connect());
afterAll(() => ctx.cleanup());

const reportEntries = () => ctx.db.auditEntry.count({ where: { action: "report" } });

describe("GET /api/report", () => {
  it("refuses without a session, with a forged cookie and with an ended session, and records nothing", async () => {
    const ended = await startOwnerSession(ctx, "password");
    await endOwnerSession(ctx, ended.value);
    for (const cookie of [undefined, "", `abc.${Date.now() + 100_000}.forged`, ended.value]) {
      const response = await reportDownloadResponse(ctx, cookie, "html");
      expect(response.status).toBe(401);
      expect(response.headers.get("content-disposition")).toBeNull();
      expect(await response.json()).toEqual({ ok: false, error: "Not signed in: open the login link again." });
    }
    expect(await reportEntries()).toBe(0);
  });

  it("serves the owner the draft report as an attachment and records its SHA-256", async () => {
    const session = await startOwnerSession(ctx, "password");
    const response = await reportDownloadResponse(ctx, session.value, "html");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="ytv2-evidence-report-draft-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.html"$/,
    );
    const body = await response.text();
    expect(body).toMatch(/^<!DOCTYPE html>/);
    expect(body).toContain("DRAFT — Step 6 (Archive) is not approved yet");
    const sha = createHash("sha256").update(body).digest("hex");
    expect(response.headers.get("x-report-sha256")).toBe(sha);
    const entry = await ctx.db.auditEntry.findFirstOrThrow({ where: { action: "report" } });
    expect(entry.actor).toBe("owner (panel)");
    expect(JSON.parse(entry.detail)).toMatchObject({ format: "html", to: "download", sha256: { html: sha } });

    const json = await reportDownloadResponse(ctx, session.value, "json");
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const facts = JSON.parse(await json.text());
    expect(facts).toMatchObject({ draft: true, steps: expect.any(Array) });
    expect(facts.categorizationRecords).toEqual({
      available: false,
      note: "Step 3 has no merge plan yet: there are no records to list.",
    });
    expect(await reportEntries()).toBe(2);
  });
});
