import { simulateProcessVideo } from "../../lib/demo/nas-simulator";
import { setDualWrite } from "../../lib/parity/dual-write";
import { acknowledgeShadow, runShadowStep } from "../../lib/shadow/shadow-step";
import { approveStepWithGate } from "../../lib/steps/approve";
import { parityRunInput } from "../../lib/steps/parity-step";
import { runStepAction } from "../../lib/workflow/workflow";
import type { Harness } from "./copy-harness";
import { approveThroughCopy } from "./steps";

/**
 * Step 4 run and approved through the real core (shadow read acknowledged, dual write on, a
 * video processed during dual write, three clean parity runs), so a test starts at step 5.
 * `beforeApproval` runs at step 4 just before its approval (e.g. a drill that must not count).
 */
export async function approveThroughParity(h: Harness, actor: string, beforeApproval?: () => Promise<unknown>) {
  await approveThroughCopy(h, actor);
  const shadow = await runShadowStep(h.ctx, { databaseUrl: h.databaseUrl, actor });
  for (const { kind, open } of shadow.kinds)
    if (open) await acknowledgeShadow(h.ctx, { target: kind, note: "seen side by side; expected", actor });
  await setDualWrite(h.ctx, h.databaseUrl, "on", actor);
  await simulateProcessVideo({
    nasFile: h.sources.nas,
    databaseUrl: h.databaseUrl,
    dualWrite: true,
    video: { videoId: "dualWrite05", title: "Simulated dualWrite05", channel: "Demo Channel", summary: "About it." },
  });
  for (let i = 0; i < 3; i++) await runStepAction(h.ctx, parityRunInput(h.ctx, h.databaseUrl, actor));
  await beforeApproval?.();
  await approveStepWithGate(h.ctx, { stepId: "parity", actor });
}
