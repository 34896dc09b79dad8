import type { ReactNode } from "react";
import type { AppContext } from "@/lib/app-context";
import type { StepDetail } from "@/lib/workflow/step-detail";
import type { StepId } from "@/lib/workflow/steps";

/**
 * A step whose engine is built shows its own section (its actions and evidence) between the
 * header and the checks; the others show the generic "not available yet" list.
 */
export type StepSectionProps = { ctx: AppContext; detail: StepDetail };

export const STEP_SECTIONS: Partial<Record<StepId, (props: StepSectionProps) => Promise<ReactNode>>> = {};
