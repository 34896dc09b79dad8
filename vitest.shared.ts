import { fileURLToPath } from "node:url";

/** Both Vitest configs resolve `@/` like Next.js does, and stub `server-only` (tests run outside React's server). */
export const sharedResolve = {
  alias: {
    "@": fileURLToPath(new URL(".", import.meta.url)),
    "server-only": fileURLToPath(new URL("./test/support/server-only-stub.ts", import.meta.url)),
  },
};
