/** "1 finding", "3 findings": a count with its noun, for the owner's sentences. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : plural}`;
}
