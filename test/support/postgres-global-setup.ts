import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedServer } from "../../lib/target/embedded-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

/**
 * One real PostgreSQL for the whole integration run: TEST_DATABASE_URL when given (an admin
 * connection to a server the tests may create databases on), else a fresh embedded server.
 */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide("postgresAdminUrl", external);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "cutover-it-pg-"));
  const server = await startEmbeddedServer(dir);
  project.provide("postgresAdminUrl", server.url("postgres"));
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
