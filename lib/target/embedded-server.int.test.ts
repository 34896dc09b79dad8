import { execFileSync } from "node:child_process";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import { makeTempDir } from "../../test/support/temp-dir";
import { findRunningEmbeddedServer, startEmbeddedServer } from "./embedded-server";

function postgresProcessesFor(dir: string): string[] {
  const out = execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" });
  return out.split("\n").filter((line) => line.includes("postgres") && line.includes(dir));
}

describe("embedded PostgreSQL", () => {
  const temps: Array<{ cleanup(): void }> = [];
  afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

  it("keeps its data across a stop and a start, and leaves no process behind", async () => {
    const temp = makeTempDir();
    temps.push(temp);
    const first = await startEmbeddedServer(temp.dir);
    const client = new pg.Client({ connectionString: first.url() });
    await client.connect();
    await client.query("create table kept (v text)");
    await client.query("insert into kept values ('still here')");
    await client.end();
    await first.stop();
    expect(postgresProcessesFor(temp.dir)).toEqual([]);

    const second = await startEmbeddedServer(temp.dir);
    const again = new pg.Client({ connectionString: second.url() });
    await again.connect();
    const { rows } = await again.query("select v from kept");
    await again.end();
    await second.stop();
    expect(rows).toEqual([{ v: "still here" }]);
    expect(postgresProcessesFor(temp.dir)).toEqual([]);
  });

  it("starts again on the port of its last start, so the target's address stays the same; on another when that one is taken", async () => {
    const temp = makeTempDir();
    temps.push(temp);
    const first = await startEmbeddedServer(temp.dir);
    await first.stop();
    const second = await startEmbeddedServer(temp.dir);
    await second.stop();
    expect(second.port).toBe(first.port);
    expect(second.url()).toBe(first.url());

    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(first.port, "127.0.0.1", resolve));
    try {
      const third = await startEmbeddedServer(temp.dir);
      await third.stop();
      expect(third.port).not.toBe(first.port);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it("is not reported as running by the process that owns it, nor after it stops", async () => {
    const temp = makeTempDir();
    temps.push(temp);
    const server = await startEmbeddedServer(temp.dir);
    expect(await findRunningEmbeddedServer(temp.dir)).toBeUndefined();
    await server.stop();
    expect(await findRunningEmbeddedServer(temp.dir)).toBeUndefined();
  });
});
