"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { RunView } from "@/lib/workflow/run-view";
import { actionSubject } from "@/lib/workflow/steps";
import { ProgressBar } from "./progress-bar";

/**
 * While a run of this step is going, polls its progress and shows it; when the run ends,
 * refreshes the page so its checks (rendered on the server) appear.
 */
export function RunProgress({ step, initial }: { step: string; initial: RunView | null }) {
  const router = useRouter();
  const [run, setRun] = useState(initial);
  // A server action that starts a run re-renders the page with a new `initial`; adopt it, or polling never starts.
  const [seen, setSeen] = useState(initial);
  if (initial !== seen) {
    setSeen(initial);
    setRun(initial);
  }
  const running = run?.status === "running";

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(async () => {
      const response = await fetch(`/api/steps/${step}/run`, { cache: "no-store" });
      if (!response.ok) return;
      const body = (await response.json()) as { run: RunView | null };
      setRun(body.run);
      if (body.run?.status !== "running") {
        clearInterval(timer);
        router.refresh();
      }
    }, 700);
    return () => clearInterval(timer);
  }, [running, step, router]);

  if (!run || !running) return null;
  return (
    <div role="status" aria-live="polite" className="space-y-2 rounded border border-indigo-200 bg-indigo-50 p-4">
      <p className="text-sm font-medium text-indigo-950">
        {actionSubject(run.action)} is running (run #{run.id})…
      </p>
      {run.progress ? <ProgressBar progress={run.progress} /> : <p className="text-sm">Starting…</p>}
    </div>
  );
}
