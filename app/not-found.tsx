import { cookies } from "next/headers";
import Link from "next/link";
import { createAppContext } from "@/lib/app-context";
import { isOwnerSessionValid } from "@/lib/auth/owner-session";
import { SESSION_COOKIE } from "@/lib/auth/session-token";
import PanelLayout from "./(panel)/layout";

/**
 * 404 for an address the panel does not have: for the signed-in owner inside the panel's own
 * layout (header, navigation, log out), else on its own. It lives at the root, where it answers
 * with status 404; inside the panel's route group, behind its loading.tsx, a streamed not-found
 * page could only answer 200.
 */
export default async function NotFound() {
  const ctx = createAppContext();
  const signedIn = await isOwnerSessionValid(ctx, (await cookies()).get(SESSION_COOKIE)?.value);
  const body = (
    <div className="max-w-xl space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-stone-700">The panel has no page at this address. Nothing was changed.</p>
      <p>
        <Link href={signedIn ? "/" : "/login"} className="font-medium text-stone-900 underline underline-offset-4">
          {signedIn ? "Go to the overview" : "Go to the login page"}
        </Link>
      </p>
    </div>
  );
  if (signedIn) return <PanelLayout>{body}</PanelLayout>;
  return (
    <main className="mx-auto mt-24 max-w-md rounded-lg border border-stone-200 bg-white p-8 shadow-sm">{body}</main>
  );
}
