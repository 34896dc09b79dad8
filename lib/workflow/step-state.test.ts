import { describe, expect, it } from "vitest";
import { deriveStepStatuses, type RunFact } from "./step-state";

const run = (overrides: Partial<RunFact> = {}): RunFact => ({
  id: 1,
  status: "passed",
  startedAt: "2026-11-25T00:00:00.000Z",
  finishedAt: "2026-11-25T00:01:00.000Z",
  evidenceHash: "h1",
  waivableFailures: 0,
  ...overrides,
});

const approval = { id: 1, runId: 1, evidenceHash: "h1", approvedAt: "2026-11-25T00:02:00.000Z" };

describe("deriveStepStatuses", () => {
  it("starts with backup ready and every later step locked behind it", () => {
    const statuses = deriveStepStatuses({});
    expect(statuses.map((s) => s.state)).toEqual(["ready", "locked", "locked", "locked", "locked", "locked"]);
    expect(statuses[2]).toMatchObject({ id: "copy", blockedBy: "backup" });
  });

  it("unlocks the next step once a step is approved", () => {
    const statuses = deriveStepStatuses({ backup: { latestRun: run(), activeApproval: approval } });
    expect(statuses[0]).toMatchObject({ state: "approved", approvedAt: approval.approvedAt });
    expect(statuses[1]).toMatchObject({ state: "ready" });
    expect(statuses[2]).toMatchObject({ state: "locked", blockedBy: "schema" });
  });

  it("shows a passed run as waiting for approval", () => {
    expect(deriveStepStatuses({ backup: { latestRun: run() } })[0]?.state).toBe("passed");
  });

  it("does not count an approval of other evidence", () => {
    const statuses = deriveStepStatuses({
      backup: { latestRun: run({ id: 2, evidenceHash: "h2" }), activeApproval: approval },
    });
    expect(statuses[0]?.state).toBe("passed");
    expect(statuses[1]?.state).toBe("locked");
  });

  it("reports running, failed and interrupted runs", () => {
    expect(deriveStepStatuses({ backup: { latestRun: run({ status: "running" }) } })[0]?.state).toBe("running");
    expect(deriveStepStatuses({ backup: { latestRun: run({ status: "failed" }) } })[0]?.state).toBe("failed");
    const interrupted = deriveStepStatuses({ backup: { latestRun: run({ status: "interrupted" }) } })[0];
    expect(interrupted).toMatchObject({ state: "failed", reason: expect.stringMatching(/interrupted/) });
  });

  it("keeps a later step locked while an earlier one is only passed", () => {
    const statuses = deriveStepStatuses({
      backup: { latestRun: run() },
      schema: { latestRun: run({ id: 2 }), activeApproval: { ...approval, runId: 2 } },
    });
    expect(statuses[1]).toMatchObject({ state: "locked", blockedBy: "backup" });
  });
});
