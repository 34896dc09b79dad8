/** Progress in KB: a byte count would print nine-digit numbers, and the shared formatter has no size units. */
export function kibibytes(done: number, total: number): { done: number; total: number } {
  return { done: Math.floor(done / 1024), total: Math.ceil(total / 1024) };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(2)} GB`;
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
