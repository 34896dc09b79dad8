import { describe, expect, it } from "vitest";
import {
  checkLoginAllowed,
  LOGIN_LIMIT,
  newThrottleState,
  recordLoginFailure,
  recordLoginSuccess,
} from "./login-throttle";

const MIN = 60_000;

describe("login throttle", () => {
  it("allows 10 wrong passwords in 15 minutes, then makes each further try wait, longer every time", () => {
    const state = newThrottleState();
    let now = 0;
    for (let i = 0; i < 9; i++) {
      expect(checkLoginAllowed(state, now)).toEqual({ allowed: true });
      expect(recordLoginFailure(state, now).delayMs).toBe(0);
      now += 1000;
    }
    const tenth = recordLoginFailure(state, now);
    expect(tenth).toEqual({ burstStarted: false, delayMs: 30_000, delayStarted: true });
    expect(checkLoginAllowed(state, now + 29_000)).toEqual({ allowed: false, retryAfterMs: 1000 });

    now += 30_000;
    expect(checkLoginAllowed(state, now)).toEqual({ allowed: true });
    expect(recordLoginFailure(state, now)).toEqual({ burstStarted: false, delayMs: 60_000, delayStarted: false });
    now += 60_000;
    expect(recordLoginFailure(state, now).delayMs).toBe(120_000);
  });

  it("caps the delay at 15 minutes", () => {
    const state = newThrottleState();
    let now = 0;
    for (let i = 0; i < 30; i++) {
      const { delayMs } = recordLoginFailure(state, now);
      expect(delayMs).toBeLessThanOrEqual(LOGIN_LIMIT.maxDelayMs);
      now += delayMs;
    }
    expect(recordLoginFailure(state, now).delayMs).toBe(15 * MIN);
  });

  it("reports the first failure of a burst once; a quiet 15 minutes starts a new burst", () => {
    const state = newThrottleState();
    expect(recordLoginFailure(state, 0).burstStarted).toBe(true);
    expect(recordLoginFailure(state, 1000).burstStarted).toBe(false);
    expect(recordLoginFailure(state, 14 * MIN).burstStarted).toBe(false);
    expect(recordLoginFailure(state, 14 * MIN + 15 * MIN).burstStarted).toBe(true);
  });

  it("counts a burst from zero again after a quiet 15 minutes, measured from the end of its delay", () => {
    const state = newThrottleState();
    for (let i = 0; i < 9; i++) recordLoginFailure(state, i);
    expect(recordLoginFailure(state, 16 * MIN)).toMatchObject({ burstStarted: true, delayMs: 0 });

    const delayed = newThrottleState();
    for (let i = 0; i < 10; i++) recordLoginFailure(delayed, i);
    // Blocked until 30 s; 14 min after that is not quiet enough: the delay doubles.
    expect(recordLoginFailure(delayed, 30_000 + 14 * MIN)).toMatchObject({ burstStarted: false, delayMs: 60_000 });
  });

  it("a right password ends the burst and says how many wrong ones came before", () => {
    const state = newThrottleState();
    for (let i = 0; i < 3; i++) recordLoginFailure(state, i);
    expect(recordLoginSuccess(state, 10)).toBe(3);
    expect(checkLoginAllowed(state, 11)).toEqual({ allowed: true });
    expect(recordLoginFailure(state, 20).burstStarted).toBe(true);
  });
});
