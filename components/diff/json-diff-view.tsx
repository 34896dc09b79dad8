import { formatJsonPath, type JsonDiffEntry, type JsonDiffKind } from "@/lib/diff/json-diff";
import { FoldedValue } from "./folded-value";
import { TableHead } from "@/components/table-head";

const CHANGE: Record<JsonDiffKind, { mark: string; word: string; row: string }> = {
  same: { mark: "=", word: "same", row: "" },
  added: { mark: "+", word: "added", row: "bg-emerald-50" },
  removed: { mark: "−", word: "removed", row: "bg-red-50" },
  changed: { mark: "≠", word: "changed", row: "bg-amber-50" },
};

export type JsonDiffViewProps = {
  entries: readonly JsonDiffEntry[];
  caption: string;
  leftLabel: string;
  rightLabel: string;
  /** leave unchanged keys out (they are counted in the caption) */
  hideSame?: boolean;
  foldAt?: number;
};

/** A key-level JSON diff as a table: path, change in words, and both sides' values. */
export function JsonDiffView({ entries, caption, leftLabel, rightLabel, hideSame, foldAt = 160 }: JsonDiffViewProps) {
  const same = entries.filter((entry) => entry.kind === "same").length;
  const shown = hideSame ? entries.filter((entry) => entry.kind !== "same") : entries;
  const counts = same === entries.length ? "identical" : `${entries.length - same} of ${entries.length} differ`;
  if (entries.length === 0) return <p className="text-sm text-stone-500 italic">— (no JSON on either side)</p>;
  return (
    <table className="w-full table-fixed border-collapse text-sm">
      <caption className="pb-2 text-left font-medium text-stone-700">
        {caption} <span className="font-normal text-stone-600">({counts})</span>
      </caption>
      <TableHead
        cellClassName="py-1.5 pr-3"
        columns={[{ label: "Key", width: "w-1/4" }, { label: "Change", width: "w-28" }, leftLabel, rightLabel]}
      />
      <tbody>
        {shown.map((entry, i) => {
          const look = CHANGE[entry.kind];
          return (
            <tr key={i} className={`border-b border-stone-100 align-top ${look.row}`}>
              <th scope="row" className="py-1.5 pr-3 text-left font-mono text-xs font-normal break-words">
                {formatJsonPath(entry.path)}
                {entry.member ? <span className="font-sans text-stone-500"> (list item)</span> : null}
              </th>
              <td className="py-1.5 pr-3 text-xs font-medium whitespace-nowrap">
                <span aria-hidden="true">{look.mark}</span> {look.word}
              </td>
              <td className="py-1.5 pr-3 font-mono text-xs">
                <JsonValue value={entry.left} present={"left" in entry} foldAt={foldAt} />
              </td>
              <td className="py-1.5 font-mono text-xs">
                <JsonValue value={entry.right} present={"right" in entry} foldAt={foldAt} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

// strings keep their quotes, so "1" and 1 read differently
function JsonValue({ value, present, foldAt }: { value: unknown; present: boolean; foldAt: number }) {
  if (!present) return <span className="font-sans text-stone-500 italic">— (absent)</span>;
  const text =
    value !== null && typeof value === "object"
      ? JSON.stringify(value, bigintAsText, 2)
      : JSON.stringify(value, bigintAsText);
  return <FoldedValue value={text} kind="text" maxChars={foldAt} mono />;
}

function bigintAsText(_key: string, value: unknown) {
  return typeof value === "bigint" ? value.toString() : value;
}
