import { getEnv } from "@/lib/config/env";
import { PasswordForm } from "./password-form";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const passwordLogin = Boolean(getEnv().panelPassword);
  return (
    <main className="mx-auto mt-24 max-w-md rounded-lg border border-stone-200 bg-white p-8 shadow-sm">
      <h1 className="text-xl font-semibold">YTV2 cutover panel</h1>
      {error === "token" ? (
        <p role="alert" className="mt-4 rounded bg-amber-50 p-3 text-sm text-amber-900">
          That login link is not valid any more: each link works once, for 24 hours. In the project folder,{" "}
          <code className="font-mono">npx cutover login-link</code> prints a new one.
        </p>
      ) : null}
      {passwordLogin ? (
        <p className="mt-4 text-sm text-stone-700">
          Enter the panel password (the PANEL_PASSWORD the panel was started with).
        </p>
      ) : (
        <p className="mt-4 text-sm text-stone-700">
          Open the one-time login link printed in the terminal where you started the panel (
          <code className="font-mono">npm start</code>).
        </p>
      )}
      {passwordLogin ? (
        <PasswordForm />
      ) : (
        <p className="mt-6 text-xs text-stone-600">
          Lost the link? In the project folder, <code className="font-mono">npx cutover login-link</code> prints a new
          one-time link for the running panel.
        </p>
      )}
    </main>
  );
}
