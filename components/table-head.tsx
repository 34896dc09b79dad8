import type { ReactNode } from "react";

/**
 * The header row every data table of the panel shares: left-aligned muted labels, numeric
 * columns right-aligned, no trailing padding after the last column.
 */
export type HeadColumn = string | { label: ReactNode; numeric?: boolean; width?: string };

export function TableHead({ columns, cellClassName = "py-2 pr-3" }: { columns: HeadColumn[]; cellClassName?: string }) {
  return (
    <thead>
      <tr className="border-b border-stone-200 text-left text-stone-600">
        {columns.map((column, index) => {
          const { label, numeric, width } = typeof column === "string" ? { label: column } : column;
          const align = numeric ? "text-right" : "";
          return (
            <th key={index} scope="col" className={`${width ?? ""} ${cellClassName} last:pr-0 ${align} font-medium`}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
