// `prisma dev` (a local Prisma Postgres) is the only user of this package; this project runs
// its own embedded PostgreSQL and only needs `prisma generate`, so it is never loaded.
export function startLocalDurableStreamsServer() {
  throw new Error("`prisma dev` is not supported in ytv2-cutover (its @prisma/streams-local needs Node 22).");
}
