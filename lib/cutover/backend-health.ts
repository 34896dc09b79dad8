import { OwnerFacingError } from "@/lib/workflow/types";

/**
 * The flip's proof (YTV2-CONTRACT.md §4): the Dashboard chooses its store at start-up and
 * reports it at `GET <dashboard>/health/backend` as `{backend, read_from_postgres, dsn_set,
 * record_count}`. The tool never assumes the owner's switch worked: it polls until the
 * Dashboard says it reads PostgreSQL and counts exactly the cards the target lists.
 */
export type BackendHealth = {
  backend: string;
  read_from_postgres: boolean;
  dsn_set: boolean;
  record_count: number;
};

export type BackendVerification = {
  url: string;
  expectedCount: number;
  attempts: number;
  elapsedMs: number;
  health: BackendHealth;
};

export type VerifyBackendOptions = {
  /** the Dashboard's base URL (`DASHBOARD_URL`) */
  dashboardUrl: string;
  /** the target's listed count, by the Dashboard's own card query */
  expectedCount: number;
  /** how long the owner's restart may take */
  timeoutMs?: number;
  intervalMs?: number;
  /** per request: an answer slower than this counts as no answer */
  requestTimeoutMs?: number;
  signal?: AbortSignal;
};

export const HEALTH_PATH = "/health/backend";

/** Why an answer does not prove the flip yet; undefined when it does. */
export function healthShortfall(health: BackendHealth, expectedCount: number): string | undefined {
  if (!/postgres/i.test(health.backend) || !health.read_from_postgres) {
    return `the Dashboard still reads ${health.backend || "an unnamed backend"} (read_from_postgres ${health.read_from_postgres})`;
  }
  if (!health.dsn_set) return "the Dashboard reports no PostgreSQL DSN set";
  if (health.record_count !== expectedCount) {
    return `the Dashboard counts ${health.record_count.toLocaleString("en-US")} records, the target lists ${expectedCount.toLocaleString("en-US")}`;
  }
  return undefined;
}

export function parseBackendHealth(body: unknown): BackendHealth | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { backend, read_from_postgres, dsn_set, record_count } = body as Record<string, unknown>;
  if (typeof backend !== "string" || typeof read_from_postgres !== "boolean") return undefined;
  if (typeof record_count !== "number" || !Number.isInteger(record_count)) return undefined;
  return { backend, read_from_postgres, dsn_set: dsn_set === true, record_count };
}

export function healthUrl(dashboardUrl: string): string {
  const base = new URL(dashboardUrl);
  if (base.username || base.password) {
    throw new OwnerFacingError("DASHBOARD_URL must not hold a user name or password.", "invalid_setting");
  }
  return new URL(HEALTH_PATH, base.origin).toString();
}

/**
 * Polls until the Dashboard proves the flip, or refuses in one line with what it last saw: an
 * unreachable Dashboard, an answer that is not the health JSON, the wrong backend, or a count
 * that differs from the target's.
 */
export async function verifyDashboardBackend(options: VerifyBackendOptions): Promise<BackendVerification> {
  const url = healthUrl(options.dashboardUrl);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const intervalMs = options.intervalMs ?? 2_000;
  const started = Date.now();
  let attempts = 0;
  let lastProblem = "no answer yet";
  for (;;) {
    attempts++;
    const answer = await askOnce(url, options.requestTimeoutMs ?? 10_000, options.signal);
    if ("health" in answer) {
      const shortfall = healthShortfall(answer.health, options.expectedCount);
      if (!shortfall) {
        return {
          url,
          expectedCount: options.expectedCount,
          attempts,
          elapsedMs: Date.now() - started,
          health: answer.health,
        };
      }
      lastProblem = shortfall;
    } else {
      lastProblem = answer.problem;
    }
    if (options.signal?.aborted) throw new OwnerFacingError("Verification of the flip cancelled.", "cancelled");
    if (Date.now() - started + intervalMs > timeoutMs) {
      const seconds = Math.round((Date.now() - started) / 1000);
      throw new OwnerFacingError(
        `The flip is not verified: after ${seconds} s and ${attempts} tries at ${url}, ${lastProblem}.`,
        "flip_unverified",
      );
    }
    await sleep(intervalMs, options.signal);
  }
}

async function askOnce(
  url: string,
  requestTimeoutMs: number,
  signal?: AbortSignal,
): Promise<{ health: BackendHealth } | { problem: string }> {
  const timeout = AbortSignal.timeout(requestTimeoutMs);
  try {
    const response = await fetch(url, {
      headers: { accept: "application/json" },
      redirect: "error",
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (response.status !== 200) return { problem: `the Dashboard answered HTTP ${response.status}` };
    const body: unknown = await response.json().catch(() => undefined);
    const health = parseBackendHealth(body);
    return health ? { health } : { problem: "the Dashboard's answer is not the /health/backend JSON" };
  } catch (error) {
    if (timeout.aborted) return { problem: `the Dashboard did not answer within ${requestTimeoutMs / 1000} s` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { problem: `the Dashboard is unreachable (${cause?.code ?? cause?.message ?? (error as Error).message})` };
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
}
