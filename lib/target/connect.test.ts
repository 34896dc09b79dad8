import { describe, expect, it } from "vitest";
import { OwnerFacingError } from "@/lib/workflow/types";
import { describeTarget, toTargetError } from "./connect";

const URL_WITH_SECRET = "postgresql://ytv2:s3cret-pw@db.example.com:5432/ytv2";

function pgError(code: string, message = "boom"): Error {
  return Object.assign(new Error(message), { code });
}

function translated(error: unknown) {
  const result = toTargetError(error, URL_WITH_SECRET) as OwnerFacingError;
  expect(result).toBeInstanceOf(OwnerFacingError);
  expect(result.message).not.toContain("s3cret-pw");
  expect(result.message).not.toContain("\n");
  return result;
}

describe("toTargetError", () => {
  it.each([
    ["ECONNREFUSED", "target_unreachable", /db\.example\.com:5432\/ytv2 cannot be reached \(ECONNREFUSED\)/],
    ["ENOTFOUND", "target_unreachable", /cannot be reached \(ENOTFOUND\)/],
    ["28P01", "target_auth", /refused the login of "ytv2": wrong password/],
    ["3D000", "target_database_missing", /database "ytv2" does not exist on db\.example\.com:5432/],
    ["42501", "target_privilege", /role "ytv2" lacks a privilege/],
    ["53300", "target_error", /failed: boom \(53300\)/],
  ])("turns %s into one line for the owner", (code, ownerCode, message) => {
    const result = translated(pgError(code));
    expect(result.code).toBe(ownerCode);
    expect(result.message).toMatch(message);
  });

  it("treats a connection timeout as unreachable", () => {
    expect(translated(new Error("Connection terminated due to connection timeout")).code).toBe("target_unreachable");
  });

  it("passes through errors that are not the database's, and owner-facing ones unchanged", () => {
    const bug = new TypeError("x is undefined");
    expect(toTargetError(bug, URL_WITH_SECRET)).toBe(bug);
    const refusal = new OwnerFacingError("busy: another action is writing to the target", "busy");
    expect(toTargetError(refusal, URL_WITH_SECRET)).toBe(refusal);
  });
});

describe("describeTarget", () => {
  it("shows host, port and database, never the credentials", () => {
    expect(describeTarget(URL_WITH_SECRET)).toBe("db.example.com:5432/ytv2");
    expect(describeTarget("not a url")).toBe("the target database (its URL does not parse)");
  });
});
