import { formatTime } from "@/components/format";
import type { MigrationFlagView } from "@/lib/steps/schema-step";
import { targetKindLabel } from "@/lib/steps/schema-view";
import { FLAG_DEFAULTS } from "@/lib/target/schema/definition";
import { SectionCard } from "@/components/section-card";
import { TableHead } from "@/components/table-head";

type Props = { target: { kind: "embedded" | "external"; where: string }; flags: MigrationFlagView[] | null };

/** Where apply writes (never with the password) and the flags the NAS and the Dashboard read. */
export function TargetSummary({ target, flags }: Props) {
  return (
    <SectionCard id="schema-target-heading" title="Target PostgreSQL">
      <p className="text-sm">
        <code className="font-mono break-all">{target.where}</code>
        <span className="text-stone-600"> · {targetKindLabel(target.kind)}</span>
      </p>
      <h3 className="mt-4 text-sm font-medium">
        Migration flags <span className="font-normal text-stone-600">(table migration_flags)</span>
      </h3>
      {flags ? <FlagTable flags={flags} /> : <NoFlagsYet />}
    </SectionCard>
  );
}

function NoFlagsYet() {
  const seeds = Object.entries(FLAG_DEFAULTS).map(([name, on]) => `${name} ${on ? "on" : "off"}`);
  return (
    <p className="mt-1 text-sm text-stone-600">
      Not created yet. Apply creates the table and seeds {seeds.join(", ")}; a value someone already set is never
      overwritten.
    </p>
  );
}

function FlagTable({ flags }: { flags: MigrationFlagView[] }) {
  if (flags.length === 0) return <p className="mt-1 text-sm text-stone-600">The table exists but holds no flags.</p>;
  return (
    <table className="mt-2 w-full max-w-2xl border-collapse text-sm">
      <TableHead cellClassName="py-1.5 pr-4" columns={["Flag", "Value", "Last set"]} />
      <tbody>
        {flags.map((flag) => (
          <tr key={flag.name} className="border-b border-stone-100">
            <td className="py-1.5 pr-4 font-mono text-xs">{flag.name}</td>
            <td className="py-1.5 pr-4 font-medium">
              {flag.enabled ? (
                <span className="text-emerald-800">● on</span>
              ) : (
                <span className="text-stone-700">○ off</span>
              )}
            </td>
            <td className="py-1.5 text-stone-600">
              {formatTime(flag.updatedAt)}
              {flag.updatedBy ? ` by ${flag.updatedBy}` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
