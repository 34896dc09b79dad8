import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

export type TestDatabase = { url: string; name: string; drop(): Promise<void> };

/** A database of its own for one test (or one file), on the integration run's server. */
export async function createTestDatabase(prefix = "t"): Promise<TestDatabase> {
  const adminUrl = inject("postgresAdminUrl");
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export function adminUrl(): string {
  return inject("postgresAdminUrl");
}
