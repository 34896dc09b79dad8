"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createAppContext } from "@/lib/app-context";
import { startOwnerSession } from "@/lib/auth/owner-session";
import { safeEqualText, SESSION_COOKIE } from "@/lib/auth/session-token";
import { appendAudit } from "@/lib/audit/audit-log";

const loginSchema = z.object({ password: z.string().min(1, "Enter the panel password.") });

export type LoginState = { error?: string };

export async function loginWithPasswordAction(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const ctx = createAppContext();
  const parsed = loginSchema.safeParse({ password: formData.get("password") });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const expected = ctx.env.panelPassword;
  if (!expected) return { error: "Password login is off: use the login link printed when the panel started." };
  if (!safeEqualText(parsed.data.password, expected)) {
    await appendAudit(ctx.db, { actor: "unknown", action: "login", outcome: "refused", detail: { how: "password" } });
    return { error: "Wrong password." };
  }
  const session = await startOwnerSession(ctx, "password");
  (await cookies()).set(SESSION_COOKIE, session.value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    expires: session.expires,
  });
  redirect("/");
}
