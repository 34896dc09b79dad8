/** Timestamps as the owner reads them: UTC, to the second, unambiguous. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return `${iso.slice(0, 19).replace("T", " ")} UTC`;
}

export function shortHash(hash: string | null | undefined, length = 12): string {
  return hash ? hash.slice(0, length) : "—";
}
