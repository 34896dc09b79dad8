import { spawn, spawnSync } from "node:child_process";
import { chownSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/postgres";
import { makeTempDir } from "../../test/support/temp-dir";
import { OwnerFacingError } from "../workflow/types";
import { connectTarget } from "./connect";
import { type EmbeddedServer, findFreePort, startEmbeddedServer } from "./embedded-server";
import { runCli } from "@/test/support/cli";

/**
 * sslmode as the owner writes it in DATABASE_URL, against two real servers: the integration
 * run's (no SSL) and one started here with SSL on and a self-signed certificate for 127.0.0.1.
 */
const temp = makeTempDir("cutover-ssl-");
const certFile = path.join(temp.dir, "server.crt");
let plain: TestDatabase;
let tls: EmbeddedServer;

beforeAll(async () => {
  plain = await createTestDatabase("ssl");
  const keyFile = path.join(temp.dir, "server.key");
  const generated = spawnSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ],
    { encoding: "utf8" },
  );
  expect(generated.status, generated.stderr).toBe(0);
  // As root the server runs as user postgres (the integration run's server created it), which
  // must own its key (mode 0600).
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
    chownSync(keyFile, id("-u"), id("-g"));
  }
  tls = await startEmbeddedServer(path.join(temp.dir, "pg-tls"), {
    postgresFlags: ["-c", "ssl=on", "-c", `ssl_cert_file=${certFile}`, "-c", `ssl_key_file=${keyFile}`],
  });
});
afterAll(async () => {
  await tls?.stop();
  await plain?.drop();
  temp.cleanup();
});

const withParams = (url: string, params: string) => `${url}${url.includes("?") ? "&" : "?"}${params}`;

async function encrypted(databaseUrl: string): Promise<boolean> {
  const client = await connectTarget(databaseUrl);
  try {
    const { rows } = await client.query("select ssl from pg_stat_ssl where pid = pg_backend_pid()");
    return rows[0].ssl as boolean;
  } finally {
    await client.end();
  }
}

async function refusal(databaseUrl: string): Promise<OwnerFacingError> {
  const error = await connectTarget(databaseUrl).then(
    (client) => client.end().then(() => undefined),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(OwnerFacingError);
  expect((error as Error).message).not.toContain("\n");
  return error as OwnerFacingError;
}

const cli = (databaseUrl: string, ...args: string[]) =>
  runCli({ env: { CUTOVER_DATA_DIR: path.join(temp.dir, "data"), DATABASE_URL: databaseUrl } }, ...args);

describe("sslmode", () => {
  it("require: encrypted without checking the certificate, and no warning from pg on the way", async () => {
    const url = withParams(tls.url(), "sslmode=require");
    expect(await encrypted(url)).toBe(true);
    const dry = cli(url, "schema", "--dry-run");
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toBe("");
    expect(dry.stdout).toMatch(/^Plan: \d+ objects/m);
  });

  it("verify-full: refuses a certificate it cannot check in one line, accepts it with its CA as sslrootcert", async () => {
    const error = await refusal(withParams(tls.url(), "sslmode=verify-full"));
    expect(error.code).toBe("target_tls");
    expect(error.message).toMatch(
      /presented a certificate that does not pass its check \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
    );
    expect(await encrypted(withParams(tls.url(), `sslmode=verify-full&sslrootcert=${certFile}`))).toBe(true);
    expect(await encrypted(withParams(tls.url(), `sslmode=verify-ca&sslrootcert=${certFile}`))).toBe(true);
  });

  it("disable, or none given: not encrypted", async () => {
    expect(await encrypted(withParams(tls.url(), "sslmode=disable"))).toBe(false);
    expect(await encrypted(tls.url())).toBe(false);
  });

  it("require against a server without SSL: one line from the CLI, and from npm start, which serves anyway", async () => {
    const url = withParams(plain.url, "sslmode=require");
    expect((await refusal(url)).code).toBe("target_no_ssl");
    const dry = cli(url, "schema", "--dry-run");
    expect(dry.code).toBe(1);
    expect(dry.stderr).toMatch(
      /^cutover: The target PostgreSQL at 127\.0\.0\.1:\d+\/ssl_\w+ does not accept SSL connections, but DATABASE_URL asks for sslmode=require; use sslmode=disable only for a server on this machine or a private network\.\n$/,
    );

    const panel = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/start.ts", "--no-build"],
      {
        env: {
          ...process.env,
          CUTOVER_DATA_DIR: path.join(temp.dir, "panel"),
          DATABASE_URL: url,
          PORT: String(await findFreePort()),
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    panel.stderr.on("data", (chunk) => (stderr += chunk));
    const deadline = Date.now() + 60_000;
    while (!stderr.includes("\n") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    panel.kill("SIGTERM");
    await new Promise((resolve) => panel.once("exit", resolve));
    expect(stderr.split("\n").filter(Boolean)).toEqual([
      expect.stringMatching(
        /^\[cutover\] The target PostgreSQL at .* does not accept SSL connections, .* The panel starts anyway; the steps that use the target refuse until this is fixed\.$/,
      ),
    ]);
  });
});
