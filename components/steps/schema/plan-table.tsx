"use client";

import { useState } from "react";
import type { PlanRow } from "@/lib/steps/schema-view";
import { ObjectStateMark } from "./object-state-mark";

type Filter = "all" | PlanRow["state"];
const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: "all", label: "All" },
  { value: "missing", label: "Missing" },
  { value: "outdated", label: "Outdated" },
  { value: "different", label: "Different" },
  { value: "present", label: "Present" },
];

/** Every object of the target schema with its state; conflicts first in view when there are any. */
export function PlanTable({ rows }: { rows: PlanRow[] }) {
  const hasConflicts = rows.some((row) => row.state === "different");
  const [filter, setFilter] = useState<Filter>(hasConflicts ? "different" : "all");
  const shown = filter === "all" ? rows : rows.filter((row) => row.state === filter);
  const count = (value: Filter) => (value === "all" ? rows.length : rows.filter((row) => row.state === value).length);

  return (
    <div className="space-y-3">
      <div role="group" aria-label="Show objects by state" className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-stone-600">Show:</span>
        {FILTERS.map(({ value, label }) => (
          <button
            key={value}
            type="button"
            aria-pressed={filter === value}
            onClick={() => setFilter(value)}
            className="rounded-full border border-stone-300 px-3 py-1 hover:bg-stone-100 aria-pressed:border-stone-900 aria-pressed:bg-stone-900 aria-pressed:text-white"
          >
            {label} <span className="tabular-nums">({count(value)})</span>
          </button>
        ))}
      </div>
      <div className="max-h-[30rem] overflow-auto rounded border border-stone-200">
        <table className="w-full border-collapse text-sm">
          <thead className="sticky top-0 bg-stone-50">
            <tr className="border-b border-stone-200 text-left text-stone-600">
              {["Kind", "Name", "Table", "State", "What apply does"].map((heading) => (
                <th key={heading} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr
                key={`${row.kind} ${row.name}`}
                className={`border-b border-stone-100 align-baseline ${row.state === "different" ? "bg-red-50" : ""}`}
              >
                <td className="px-3 py-1.5 text-stone-600">{row.kind}</td>
                <td className="px-3 py-1.5 font-mono text-xs break-all">{row.name}</td>
                <td className="px-3 py-1.5 font-mono text-xs">{row.table ?? "—"}</td>
                <td className="px-3 py-1.5 whitespace-nowrap">
                  <ObjectStateMark state={row.state} />
                </td>
                <td className={`px-3 py-1.5 ${row.state === "different" ? "text-red-900" : "text-stone-700"}`}>
                  {row.note}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 ? <p className="px-3 py-3 text-sm text-stone-600">No objects in this state.</p> : null}
      </div>
    </div>
  );
}
