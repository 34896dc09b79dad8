export { formatUtc as formatTime } from "@/lib/common/format-time";

export function shortHash(hash: string | null | undefined, length = 12): string {
  return hash ? hash.slice(0, length) : "—";
}
