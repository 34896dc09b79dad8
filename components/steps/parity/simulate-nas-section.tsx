import { SectionCard } from "@/components/section-card";
import type { ActionResult } from "@/lib/common/action-result";
import { SIMULATION_LABEL, SIMULATIONS } from "@/lib/demo/simulate-nas";
import { ButtonForm } from "./parity-forms";

type Action = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/**
 * Demo pair only: the NAS and Dashboard of the dual-write era, simulated on the demo files, so
 * the owner sees parity catch each failure before he trusts it with his real files.
 */
export function SimulateNasSection({ dualWriteOn, action }: { dualWriteOn: boolean; action: Action }) {
  return (
    <SectionCard id="simulate-nas-heading" title="Demo only: simulate the NAS">
      <div className="space-y-3 text-sm">
        <p className="text-stone-700">
          These buttons exist because the sources are the demo pair: each one writes the demo files and PostgreSQL the
          way the real NAS and Dashboard did during dual write, failures included. Run parity afterwards to see each one
          named. With your real files (NAS_DB, DASHBOARD_DB) this section is not shown and the server refuses it.
        </p>
        {dualWriteOn ? null : (
          <p className="text-amber-800">
            Dual write is off: a processed video goes to the NAS file only, as the real NAS would write it.
          </p>
        )}
        <ul className="space-y-2">
          {SIMULATIONS.map((simulation) => (
            <li key={simulation}>
              <ButtonForm
                fields={{ simulation }}
                label={SIMULATION_LABEL[simulation]}
                pendingLabel="Simulating…"
                tone="secondary"
                action={action}
              />
            </li>
          ))}
        </ul>
      </div>
    </SectionCard>
  );
}
