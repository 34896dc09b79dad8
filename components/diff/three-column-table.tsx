import { sidesDiffer, type CompareKind } from "@/lib/diff/field-compare";
import { FoldedValue } from "./folded-value";

/**
 * A column of the record view: each source file, what the copy's merge rules and the owner's
 * decisions make of them (parity's view), and the target.
 */
export type SourceSide = "nas" | "dashboard" | "merged" | "postgres";
/** Step 3's columns; parity adds `merged` (PARITY_SIDES). */
export const SOURCE_SIDES: readonly SourceSide[] = ["nas", "dashboard", "postgres"];
export const PARITY_SIDES: readonly SourceSide[] = ["nas", "dashboard", "merged", "postgres"];
const DEFAULT_LABELS: Record<SourceSide, string> = {
  nas: "NAS",
  dashboard: "Dashboard",
  merged: "Merged by the copy's rules",
  postgres: "PostgreSQL",
};

export type FieldRow = {
  field: string;
  /** shown instead of the column name when given */
  label?: string;
  values: Partial<Record<SourceSide, unknown>>;
  /** how values compare (see lib/diff/field-compare); lib/merge's field kinds fit */
  kind?: CompareKind;
  /** the source side the merge takes this field from */
  chosen?: "nas" | "dashboard" | null;
  /** overrides the computed "differs" (e.g. the plan already knows) */
  differs?: boolean;
  /** one short line under the field name, e.g. why this side is the default */
  note?: string;
  /**
   * Why the sides differ, when that is known: a conflict the owner decides, a column only one
   * file has, or a bookkeeping timestamp; the last two are differences without a choice.
   */
  difference?: "conflict" | "one-file" | "bookkeeping";
  /** a difference a parity run names in this field: its kind and the kind's words */
  flag?: { kind: string; words: string; accepted?: boolean };
};

export type ThreeColumnTableProps = {
  caption: string;
  rows: readonly FieldRow[];
  /** the columns, in order; step 3's three by default */
  columns?: readonly SourceSide[];
  /** sides that hold no row for this record at all (Dashboard only, NAS new, not copied) */
  absentSides?: readonly SourceSide[];
  /** what an absent side's cells say, e.g. "not in the NAS file"; "no record" by default */
  absentWords?: Partial<Record<SourceSide, string>>;
  labels?: Partial<Record<SourceSide, string>>;
  /** what a screen reader hears for a row that does not differ */
  sameWords?: string;
  /** characters shown before a value is folded */
  foldAt?: number;
};

/**
 * The record detail's field table: one row per field, NAS | Dashboard | PostgreSQL. A row whose
 * present sides disagree is tinted and says "≠ differs" in words; the side the merge takes is
 * badged "✓ chosen", so neither depends on colour.
 */
export function ThreeColumnTable({
  caption,
  rows,
  columns = SOURCE_SIDES,
  absentSides = [],
  absentWords = {},
  labels,
  sameWords = "same on every side",
  foldAt = 280,
}: ThreeColumnTableProps) {
  const names = { ...DEFAULT_LABELS, ...labels };
  const present = columns.filter((side) => !absentSides.includes(side));
  const absentText = (side: SourceSide) => absentWords[side] ?? "no record";
  return (
    <table className="w-full table-fixed border-collapse text-sm">
      <caption className="pb-2 text-left font-medium text-stone-700">{caption}</caption>
      <thead>
        <tr className="border-b border-stone-200 text-left text-stone-600">
          <th scope="col" className="w-44 py-2 pr-3 font-medium">
            Field
          </th>
          {columns.map((side) => (
            <th key={side} scope="col" className="px-3 py-2 font-medium">
              {names[side]}
              {absentSides.includes(side) ? (
                <span className="font-normal text-stone-500"> ({absentText(side)})</span>
              ) : null}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const differs =
            row.differs ??
            sidesDiffer(
              present.map((side) => row.values[side]),
              row.kind,
            );
          return (
            <tr
              key={row.field}
              id={`field-${row.field}`}
              className={`border-b border-stone-100 align-top ${
                row.flag && !row.flag.accepted ? "bg-rose-50" : differs ? "bg-amber-50" : ""
              }`}
            >
              <th scope="row" className="py-2 pr-3 text-left font-normal">
                <span className="block font-mono text-xs font-medium break-words text-stone-800">
                  {row.label ?? row.field}
                </span>
                {differs && row.flag ? null : differs ? (
                  <span className="mt-0.5 block text-xs font-medium text-amber-900">
                    <span aria-hidden="true">≠</span> differs
                  </span>
                ) : (
                  <span className="sr-only">{sameWords}</span>
                )}
                {row.flag ? <FlagBadge flag={row.flag} /> : null}
                {row.note ? <span className="mt-0.5 block text-xs text-stone-500">{row.note}</span> : null}
              </th>
              {columns.map((side) => (
                <td
                  key={side}
                  className={`px-3 py-2 break-words ${row.chosen === side ? "border-l-2 border-emerald-600" : ""}`}
                >
                  {row.chosen === side ? <ChosenBadge /> : null}
                  {absentSides.includes(side) ? (
                    <span className="text-stone-500 italic">— ({absentText(side)})</span>
                  ) : (
                    <FoldedValue value={row.values[side]} kind={row.kind} maxChars={foldAt} />
                  )}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The parity difference named in this row: its kind (the word the step-4 page and the CLI use) and what it means. */
function FlagBadge({ flag }: { flag: NonNullable<FieldRow["flag"]> }) {
  return (
    <span
      className={`mt-1 block w-fit rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${
        flag.accepted ? "bg-stone-50 text-stone-700 ring-stone-300" : "bg-rose-100 text-rose-900 ring-rose-300"
      }`}
    >
      <span aria-hidden="true">⚑</span> {flag.kind}
      <span className="block font-normal">
        {flag.words}
        {flag.accepted ? " (accepted)" : ""}
      </span>
    </span>
  );
}

export function ChosenBadge() {
  return (
    <span className="mb-1 flex w-fit items-center gap-1 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-300 ring-inset">
      <span aria-hidden="true">✓</span> chosen
    </span>
  );
}
