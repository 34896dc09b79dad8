"use client";

import { useActionState } from "react";
import { type LoginState, loginWithPasswordAction } from "./actions";

export function PasswordForm() {
  const [state, formAction, pending] = useActionState(loginWithPasswordAction, {} as LoginState);
  return (
    <form action={formAction} className="mt-6 space-y-3">
      <label htmlFor="password" className="block text-sm font-medium">
        Panel password
      </label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        className="w-full rounded border border-stone-300 px-3 py-2"
      />
      {state.error ? (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-stone-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
