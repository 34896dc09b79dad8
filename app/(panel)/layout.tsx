import Link from "next/link";
import type { ReactNode } from "react";
import { requireOwnerPage } from "@/app/_lib/owner";
import { SubmitButton } from "@/components/submit-button";
import { targetKind } from "@/lib/app-context";
import { readDemoMovedAside } from "@/lib/demo/generate-demo-pair";
import { logoutAction } from "./actions";

export const dynamic = "force-dynamic";

function sourcesLabel(ctx: Awaited<ReturnType<typeof requireOwnerPage>>): string {
  if (ctx.env.sources) return "NAS_DB / DASHBOARD_DB";
  return readDemoMovedAside(ctx.paths.demoNas) ? "demo pair (archived, moved aside)" : "demo pair";
}

export default async function PanelLayout({ children }: { children: ReactNode }) {
  const ctx = await requireOwnerPage();
  const kind = targetKind(ctx.env);
  return (
    <div className="min-h-screen">
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-6 py-3">
          <Link href="/" className="font-semibold tracking-tight">
            YTV2 cutover
          </Link>
          <nav aria-label="Main" className="flex gap-4 text-sm">
            <Link href="/" className="text-stone-700 hover:text-stone-950 hover:underline">
              Overview
            </Link>
            <Link href="/audit" className="text-stone-700 hover:text-stone-950 hover:underline">
              Audit log
            </Link>
          </nav>
          <p className="ml-auto text-xs text-stone-600">
            Target: {kind === "embedded" ? "embedded PostgreSQL (demo/default)" : "external PostgreSQL (DATABASE_URL)"}{" "}
            · Sources: {sourcesLabel(ctx)}
          </p>
          <form action={logoutAction}>
            <SubmitButton tone="link" pendingLabel="Logging out…">
              Log out
            </SubmitButton>
          </form>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-6 py-8">{children}</main>
    </div>
  );
}
