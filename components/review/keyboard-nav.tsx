"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * j/k (or ↓/↑) through the records list: moves focus between the row links, Enter opens one.
 * On a record page, j/k (or →/←) go to the next/previous record. Keys typed into a field are
 * left alone.
 */
function typingInField(event: KeyboardEvent) {
  const target = event.target as HTMLElement | null;
  return (
    event.altKey ||
    event.ctrlKey ||
    event.metaKey ||
    Boolean(target?.closest("input, textarea, select, [contenteditable='true']"))
  );
}

export function ListKeyboardNav({ rowSelector = "[data-review-row]" }: { rowSelector?: string }) {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (typingInField(event)) return;
      const step =
        event.key === "j" || event.key === "ArrowDown" ? 1 : event.key === "k" || event.key === "ArrowUp" ? -1 : 0;
      if (step === 0) return;
      const rows = [...document.querySelectorAll<HTMLElement>(rowSelector)];
      if (rows.length === 0) return;
      event.preventDefault();
      const current = rows.indexOf(document.activeElement as HTMLElement);
      const next =
        current === -1 ? (step > 0 ? 0 : rows.length - 1) : Math.min(Math.max(current + step, 0), rows.length - 1);
      rows[next]!.focus();
      rows[next]!.scrollIntoView({ block: "nearest" });
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rowSelector]);
  return null;
}

export function RecordKeyboardNav({ previous, next }: { previous: string | null; next: string | null }) {
  const router = useRouter();
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (typingInField(event)) return;
      const href =
        event.key === "j" || event.key === "ArrowRight"
          ? next
          : event.key === "k" || event.key === "ArrowLeft"
            ? previous
            : null;
      if (!href) return;
      event.preventDefault();
      router.push(href);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, previous, next]);
  return null;
}
