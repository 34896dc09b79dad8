/** Open by default when it fits on a screen; a long script folds so the plan and apply stay in reach. */
const OPEN_UP_TO_LINES = 40;

type Props = { sql: string; statements: number; blocked: boolean };

/** The SQL apply will run, exactly as it will run: readable, monospaced, long lines wrapped. */
export function PlanSql({ sql, statements, blocked }: Props) {
  const lines = sql.trimEnd().split("\n").length;
  return (
    <details open={blocked || lines <= OPEN_UP_TO_LINES} className="group">
      <summary className="cursor-pointer list-none text-sm font-medium text-sky-900 underline-offset-4 hover:underline">
        <span aria-hidden="true" className="mr-1.5 inline-block transition-transform group-open:rotate-90">
          ▸
        </span>
        SQL, {describe(statements, blocked)} ({lines} lines)
      </summary>
      <pre className="mt-3 max-h-[36rem] overflow-auto rounded border border-stone-200 bg-stone-50 p-4 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-stone-900">
        {sql}
      </pre>
    </details>
  );
}

function describe(statements: number, blocked: boolean): string {
  if (blocked) return "nothing runs while there are conflicts";
  if (statements === 0) return "no DDL: every object is present; only the flag seed, which keeps existing values";
  return `${statements} ${statements === 1 ? "statement" : "statements"} and the flag seed, in one transaction`;
}
