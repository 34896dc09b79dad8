import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import { makeTestContext } from "../../test/support/app-context";
import { startEmbeddedServer } from "./embedded-server";
import { resolveTargetUrl, withTargetForCommand } from "./target-url";

function postgresProcessesFor(dir: string): string[] {
  return execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes("postgres") && line.includes(dir));
}

async function answers(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query("select current_database() as db");
  await client.end();
  return rows[0].db as string;
}

describe("where a command finds the target", () => {
  let ctx: ReturnType<typeof makeTestContext>;
  afterEach(async () => ctx.cleanup());

  it("starts the embedded server for a command's duration when no panel runs, and stops it after", async () => {
    ctx = makeTestContext();
    const database = await withTargetForCommand(ctx, async (url) => {
      expect(postgresProcessesFor(ctx.paths.postgresDir).length).toBeGreaterThan(0);
      return answers(url);
    });
    expect(database).toBe("ytv2");
    expect(postgresProcessesFor(ctx.paths.postgresDir)).toEqual([]);
  });

  it("uses DATABASE_URL as given and starts no server", async () => {
    ctx = makeTestContext({ DATABASE_URL: "postgresql://nobody:secret@127.0.0.1:9/none" });
    await expect(withTargetForCommand(ctx, async (url) => url)).resolves.toBe(
      "postgresql://nobody:secret@127.0.0.1:9/none",
    );
    await expect(resolveTargetUrl(ctx)).resolves.toBe("postgresql://nobody:secret@127.0.0.1:9/none");
    expect(postgresProcessesFor(ctx.paths.postgresDir)).toEqual([]);
  });

  it("finds the server its own process started: the panel serves pages in the process that started it", async () => {
    ctx = makeTestContext();
    const server = await startEmbeddedServer(ctx.paths.postgresDir);
    try {
      const url = await resolveTargetUrl(ctx);
      expect(url).toBe(server.url());
      expect(await answers(url)).toBe("ytv2");
    } finally {
      await server.stop();
    }
    await expect(resolveTargetUrl(ctx)).rejects.toThrow(/embedded PostgreSQL is not running/);
  });

  it("tells the panel to start the embedded server when none runs", async () => {
    ctx = makeTestContext();
    await expect(resolveTargetUrl(ctx)).rejects.toThrow(
      /embedded PostgreSQL is not running: start the panel with `npm start`/,
    );
  });
});
