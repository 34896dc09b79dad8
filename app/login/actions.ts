"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createAppContext } from "@/lib/app-context";
import { loginWithPassword } from "@/lib/auth/password-login";
import { SESSION_COOKIE } from "@/lib/auth/session-token";

const loginSchema = z.object({ password: z.string().min(1, "Enter the panel password.") });

export type LoginState = { error?: string };

export async function loginWithPasswordAction(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = loginSchema.safeParse({ password: formData.get("password") });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const result = await loginWithPassword(createAppContext(), parsed.data.password);
  if (!result.ok) return { error: result.error };
  (await cookies()).set(SESSION_COOKIE, result.session.value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    expires: result.session.expires,
  });
  redirect("/");
}
