import type { ReactNode } from "react";
import { BackupSection } from "@/components/steps/backup/backup-section";
import { CopySection } from "@/components/steps/copy/copy-section";
import { SchemaSection } from "@/components/steps/schema/schema-section";
import { ParitySection } from "@/components/steps/parity/parity-section";
import { SimulateNasSection } from "@/components/steps/parity/simulate-nas-section";
import { ShadowSection } from "@/components/steps/shadow/shadow-section";
import { CutoverSection } from "@/components/steps/cutover/cutover-section";
import { loadCutoverView } from "@/lib/steps/cutover-view";
import { loadShadowView } from "@/lib/shadow/shadow-view";
import { loadBackupView } from "@/lib/steps/backup-view";
import { loadCopyView } from "@/lib/steps/copy-view";
import { loadSchemaView } from "@/lib/steps/schema-step";
import { loadParityView } from "@/lib/steps/parity-view";
import type { AppContext } from "@/lib/app-context";
import type { StepDetail } from "@/lib/workflow/step-detail";
import type { StepId } from "@/lib/workflow/steps";
import { cancelBackupAction, confirmProcessingStoppedAction, runBackupAction } from "./backup-actions";
import { cancelCopyAction, copyAndVerifyAction, replanAction, verifyAgainAction } from "./copy-actions";
import { applySchemaAction } from "./schema-actions";
import {
  acceptDifferenceAction,
  cancelParityAction,
  dualWriteAction,
  recopyAction,
  runParityAction,
  simulateNasAction,
} from "./parity-actions";
import { acknowledgeShadowAction, runShadowAction } from "./shadow-actions";
import { ArchiveSection } from "@/components/steps/archive/archive-section";
import { loadArchiveView } from "@/lib/steps/archive-view";
import {
  archiveDualWriteOffAction,
  cancelArchiveAction,
  moveAsideAction,
  openWindowAction,
  runArchiveAction,
  simulateProcessAction,
} from "./archive-actions";
import * as cutover from "./cutover-actions";

/** Each step's own section (its actions and evidence), between the step page's header and its checks. */
export type StepSectionProps = { ctx: AppContext; detail: StepDetail };

export const STEP_SECTIONS: Record<StepId, (props: StepSectionProps) => Promise<ReactNode>> = {
  backup: async function BackupStepSection({ ctx, detail }) {
    const view = await loadBackupView(ctx);
    return (
      <BackupSection
        view={view}
        state={detail.status.state}
        confirmAction={confirmProcessingStoppedAction}
        runAction={runBackupAction}
        cancelAction={cancelBackupAction}
      />
    );
  },
  schema: async function SchemaStepSection({ ctx, detail }) {
    const view = await loadSchemaView(ctx);
    return <SchemaSection view={view} status={detail.status} applyAction={applySchemaAction} />;
  },
  copy: async function CopyStepSection({ ctx, detail }) {
    // A locked step offers nothing, so it skips the view (re-reading the sources costs seconds on real files).
    const view = detail.status.state === "locked" ? null : await loadCopyView(ctx);
    const actions = {
      replan: replanAction,
      copy: copyAndVerifyAction,
      verify: verifyAgainAction,
      cancel: cancelCopyAction,
    };
    return <CopySection view={view} status={detail.status} actions={actions} />;
  },
  parity: async function ParityStepSection({ ctx, detail }) {
    const view = detail.status.state === "locked" ? null : await loadParityView(ctx);
    const actions = {
      dualWrite: dualWriteAction,
      run: runParityAction,
      cancel: cancelParityAction,
      accept: acceptDifferenceAction,
      recopy: recopyAction,
    };
    const shadow = detail.status.state === "locked" ? null : await loadShadowView(ctx);
    return (
      <>
        <ParitySection view={view} status={detail.status} actions={actions} />
        {view && !ctx.env.sources ? (
          <SimulateNasSection dualWriteOn={Boolean(view.dualWrite?.enabled)} action={simulateNasAction} />
        ) : null}
        {shadow ? (
          <ShadowSection
            view={shadow}
            running={detail.status.state === "running"}
            actions={{ run: runShadowAction, acknowledge: acknowledgeShadowAction }}
          />
        ) : null}
      </>
    );
  },
  cutover: async function CutoverStepSection({ ctx, detail }) {
    const view = detail.status.state === "locked" ? null : await loadCutoverView(ctx);
    const actions = {
      freeze: cutover.freezeAction,
      finalParity: cutover.finalParityAction,
      drill: cutover.drillNowAction,
      scan: cutover.scanAction,
      acknowledge: cutover.acknowledgeFindingAction,
      flip: cutover.flipAction,
      verify: cutover.verifyFlipAction,
      rollback: cutover.rollbackAction,
    };
    return <CutoverSection view={view} actions={actions} />;
  },
  archive: async function ArchiveStepSection({ ctx, detail }) {
    const view = detail.status.state === "locked" ? null : await loadArchiveView(ctx);
    const actions = {
      dualWriteOff: archiveDualWriteOffAction,
      openWindow: openWindowAction,
      run: runArchiveAction,
      cancel: cancelArchiveAction,
      moveAside: moveAsideAction,
      simulateProcess: simulateProcessAction,
    };
    return <ArchiveSection view={view} status={detail.status} actions={actions} />;
  },
};
