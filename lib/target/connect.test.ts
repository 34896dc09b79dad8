import { describe, expect, it } from "vitest";
import { OwnerFacingError } from "@/lib/workflow/types";
import { describeSsl, describeTarget, targetConnectionConfig, toTargetError } from "./connect";

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

describe("targetConnectionConfig", () => {
  const base = "postgresql://ytv2:s3cret-pw@db.example.com:5432/ytv2";

  it("takes sslmode out of the URL (pg would warn about it) and passes explicit ssl options, as libpq reads them", () => {
    const require = targetConnectionConfig(`${base}?sslmode=require&application_name=cutover`);
    expect(require.connectionString).toBe(`${base}?application_name=cutover`);
    expect(require.ssl).toEqual({ rejectUnauthorized: false });
    expect(targetConnectionConfig(`${base}?sslmode=verify-full`).ssl).toEqual({});
    expect(targetConnectionConfig(`${base}?sslmode=disable`).ssl).toBe(false);
    expect(targetConnectionConfig(base)).toEqual({ connectionString: base, ssl: false });
    const verifyCa = targetConnectionConfig(`${base}?sslmode=verify-ca`).ssl as { checkServerIdentity: unknown };
    expect(typeof verifyCa.checkServerIdentity).toBe("function");
  });

  it("says which protection is in use, in words", () => {
    expect(describeSsl(`${base}?sslmode=require`)).toBe("encrypted, certificate not checked (sslmode=require)");
    expect(describeSsl(`${base}?sslmode=verify-full`)).toBe(
      "encrypted, certificate and host name checked (sslmode=verify-full)",
    );
    expect(describeSsl(base)).toBe("not encrypted (no sslmode in DATABASE_URL)");
  });

  it("refuses an sslrootcert file it cannot read in one line", () => {
    expect(() => targetConnectionConfig(`${base}?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem`)).toThrow(
      /^DATABASE_URL's sslrootcert file \/nonexistent\/ca\.pem cannot be read \(ENOENT\)\.$/,
    );
  });
});
