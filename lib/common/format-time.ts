/** Timestamps as the owner reads them: UTC, to the second, unambiguous. */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return "—";
  return `${iso.slice(0, 19).replace("T", " ")} UTC`;
}
