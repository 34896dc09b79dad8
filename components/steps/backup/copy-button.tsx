"use client";

import { useState } from "react";

/** Copies a full value (a SHA-256, a path) that the page shows shortened. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      // Clipboard access is refused on plain http from another host; the full value is in the title and manifest.
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  }
  return (
    <>
      <button
        type="button"
        onClick={copy}
        aria-label={label}
        title={label}
        className="rounded border border-stone-300 bg-white px-1.5 py-0.5 text-xs text-stone-700 hover:bg-stone-100"
      >
        {state === "copied" ? "Copied ✓" : state === "failed" ? "Copy failed" : "Copy"}
      </button>
      {/* Outside the button: its aria-label would hide a live region inside it. */}
      <span className="sr-only" role="status">
        {state === "copied" ? "Copied to the clipboard" : state === "failed" ? "Could not copy" : ""}
      </span>
    </>
  );
}
