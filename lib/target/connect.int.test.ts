import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { adminUrl, createTestDatabase, type TestDatabase } from "../../test/support/postgres";
import { findFreePort } from "./embedded-server";
import { readCatalog } from "./schema/catalog";
import { applySchemaStep, planSchemaStep } from "./schema/run-schema-step";

const dbs: TestDatabase[] = [];
const roles: string[] = [];

async function admin<T>(fn: (client: pg.Client) => Promise<T>, url = adminUrl()): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

afterEach(async () => {
  for (const d of dbs.splice(0)) await d.drop();
  for (const role of roles.splice(0)) await admin((c) => c.query(`DROP ROLE IF EXISTS ${role}`));
});

function withUrl(url: string, change: (u: URL) => void): string {
  const u = new URL(url);
  change(u);
  return u.toString();
}

/** The refusal is one line for the owner, and the password never appears in it. */
function expectOneClearLine(error: unknown, code: string, mentions: RegExp, password?: string) {
  expect(error).toMatchObject({ name: "OwnerFacingError", code });
  const message = (error as Error).message;
  expect(message).not.toContain("\n");
  expect(message).toMatch(mentions);
  if (password) expect(message).not.toContain(password);
}

describe("target connection failures", () => {
  it("says the target cannot be reached when nothing listens on the port", async () => {
    const port = await findFreePort();
    const url = withUrl(adminUrl(), (u) => (u.port = String(port)));
    const error = await planSchemaStep(url).catch((e: unknown) => e);
    expectOneClearLine(
      error,
      "target_unreachable",
      new RegExp(`cannot be reached.*${port}|${port}.*cannot be reached`),
      new URL(adminUrl()).password,
    );
  });

  it("says the login was refused on a wrong password, without printing any password", async () => {
    const url = withUrl(adminUrl(), (u) => (u.password = "not-the-password-123"));
    const error = await applySchemaStep(url).catch((e: unknown) => e);
    expectOneClearLine(error, "target_auth", /refused the login .*wrong password/, "not-the-password-123");
  });

  it("says the database does not exist", async () => {
    const url = withUrl(adminUrl(), (u) => (u.pathname = "/no_such_database_here"));
    const error = await applySchemaStep(url).catch((e: unknown) => e);
    expectOneClearLine(error, "target_database_missing", /"no_such_database_here" does not exist/);
  });

  it("refuses a role without CREATE on schema public, and applies nothing", async () => {
    const db = await createTestDatabase("priv");
    dbs.push(db);
    const role = `restricted_${randomBytes(4).toString("hex")}`;
    const password = `pw-${randomBytes(8).toString("hex")}`;
    roles.push(role);
    await admin((c) => c.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`));
    // PostgreSQL 15+ already withholds CREATE on public from PUBLIC; older servers need this.
    await admin((c) => c.query("REVOKE CREATE ON SCHEMA public FROM PUBLIC"), db.url);
    const url = withUrl(db.url, (u) => {
      u.username = role;
      u.password = password;
    });

    const error = await applySchemaStep(url).catch((e: unknown) => e);
    expectOneClearLine(error, "target_privilege", new RegExp(`"${role}" cannot CREATE in schema public`), password);
    const catalog = await admin(readCatalog, db.url);
    expect(Object.keys(catalog.relations)).toEqual([]);
    expect(catalog.functions).toEqual({});
  });
});
