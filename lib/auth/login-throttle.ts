/**
 * Password login is limited per data dir: 10 wrong passwords within 15 minutes, then each further
 * try waits a delay that doubles with every wrong one (30 s, 1 min, 2 min … up to 15 min). While
 * a delay runs the password is not even compared. A burst of refusals is audited once, at its
 * first refusal (and once more when the delay starts), not at every try.
 *
 * Pure: the caller keeps the state (one per data dir, in the panel's process) and passes the time.
 */
export const LOGIN_LIMIT = { tries: 10, windowMs: 15 * 60_000, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000 };

/**
 * A burst: wrong passwords with less than 15 minutes between one and the next (counted from the
 * end of any delay). Its first 10 are free; from the 10th on each starts a delay.
 */
export type ThrottleState = { count: number; lastAt: number; blockedUntil: number };

export const newThrottleState = (): ThrottleState => ({ count: 0, lastAt: 0, blockedUntil: 0 });

export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Before comparing the password: may this try go ahead? */
export function checkLoginAllowed(state: ThrottleState, now: number): Verdict {
  if (now < state.blockedUntil) return { allowed: false, retryAfterMs: state.blockedUntil - now };
  return { allowed: true };
}

export type FailureOutcome = {
  /** the first wrong password after a quiet spell: audit it */
  burstStarted: boolean;
  /** the delay this failure starts (0: none yet) */
  delayMs: number;
  /** the first delay of this burst: audit it */
  delayStarted: boolean;
};

export function recordLoginFailure(state: ThrottleState, now: number): FailureOutcome {
  const quietSince = Math.max(state.lastAt, state.blockedUntil);
  const burstStarted = state.count === 0 || now - quietSince >= LOGIN_LIMIT.windowMs;
  state.count = (burstStarted ? 0 : state.count) + 1;
  state.lastAt = now;
  const over = state.count - LOGIN_LIMIT.tries;
  const delayMs = over >= 0 ? Math.min(LOGIN_LIMIT.firstDelayMs * 2 ** over, LOGIN_LIMIT.maxDelayMs) : 0;
  state.blockedUntil = delayMs > 0 ? now + delayMs : 0;
  return { burstStarted, delayMs, delayStarted: over === 0 };
}

/** A right password ends the burst; returns how many wrong ones preceded it. */
export function recordLoginSuccess(state: ThrottleState, now: number): number {
  const quiet = now - Math.max(state.lastAt, state.blockedUntil) >= LOGIN_LIMIT.windowMs;
  const failed = quiet ? 0 : state.count;
  Object.assign(state, newThrottleState());
  return failed;
}

const states = globalThis as unknown as { __cutoverLoginThrottle?: Map<string, ThrottleState> };

/**
 * The state of one data dir. It lives in the panel's process (one per data dir, see
 * lib/panel/panel-lock.ts): a restart clears it, which needs access to the machine anyway.
 */
export function throttleFor(dataDir: string): ThrottleState {
  states.__cutoverLoginThrottle ??= new Map();
  let state = states.__cutoverLoginThrottle.get(dataDir);
  if (!state) states.__cutoverLoginThrottle.set(dataDir, (state = newThrottleState()));
  return state;
}
