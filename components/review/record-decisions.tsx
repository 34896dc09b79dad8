import { DecisionStateBadge } from "./decision-state-badge";
import { DecisionForm, type DecisionOption } from "./decision-form";
import type { RecordDetail } from "@/lib/review/record-detail";
import type { ActionResult } from "@/lib/common/action-result";

type Action = (
  previous: ActionResult<{ revoked: string[] }> | null,
  formData: FormData,
) => Promise<ActionResult<{ revoked: string[] }>>;

const RECORD_OPTIONS: Record<string, { choice: string; label: string }[]> = {
  resurrection_candidate: [
    { choice: "keep_deleted", label: "Keep deleted" },
    { choice: "restore", label: "Restore" },
  ],
  nas_new: [
    { choice: "copy", label: "Copy" },
    { choice: "skip", label: "Skip" },
  ],
};
const SIDE = { nas: "NAS", dashboard: "Dashboard" } as Record<string, string>;

/** What the owner can decide on this record, with the current choice and whether it is settled. */
export function RecordDecisions({ detail, action }: { detail: RecordDetail; action: Action }) {
  const { record } = detail;
  const recordOptions = RECORD_OPTIONS[record.mergeCase];
  if (!recordOptions && detail.differingFields.length === 0) return null;
  const current = detail.decisions.find((d) => d.field === "*")?.choice;
  const defaultChoice = recordOptions?.[0]?.choice;
  return (
    <section aria-labelledby="decisions-heading" className="space-y-4 rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="decisions-heading" className="flex flex-wrap items-baseline gap-3 font-semibold">
        Your decision <DecisionStateBadge state={detail.decisionState} mergeCase={record.mergeCase} />
      </h2>
      {recordOptions ? (
        <DecisionForm
          videoId={record.videoId}
          field="*"
          legend={
            record.mergeCase === "resurrection_candidate"
              ? "Keep it deleted, or restore it into PostgreSQL (see above):"
              : "Copy it, or skip it (see above):"
          }
          options={recordOptions.map((o): DecisionOption => ({
            ...o,
            current: (current ?? defaultChoice) === o.choice,
            isDefault: o.choice === defaultChoice,
          }))}
          action={action}
        />
      ) : null}
      {detail.differingFields.map((f) => (
        <DecisionForm
          key={f.field}
          videoId={record.videoId}
          field={f.field}
          legend={`${f.field}: take it from`}
          options={["nas", "dashboard"].map((side) => ({
            choice: side,
            label: SIDE[side]!,
            current: f.chosenSide === side,
            isDefault: f.defaultSide === side,
          }))}
          action={action}
        />
      ))}
      <p className="text-xs text-stone-600">
        A change is stored and audited at once, and applied to PostgreSQL by the next copy. Changing a decision after
        step 3 was approved revokes that approval.
      </p>
    </section>
  );
}
