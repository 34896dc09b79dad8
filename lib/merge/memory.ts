import v8 from "node:v8";
import vm from "node:vm";

/**
 * Keeps the process's memory flat over a long pass. Each batch reads megabytes of summary text
 * that is garbage a moment later, and V8 lets its heap grow to several hundred MB before it
 * collects; a full collection every few batches (live data is ~25 MB, so it takes a few ms)
 * holds the peak RSS near the working set instead, whatever the number of records.
 */
let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    v8.setFlagsFromString("--expose-gc");
    collect = vm.runInNewContext("gc") as () => void;
  } catch {
    collect = null;
  }
  return collect;
}

export function collectGarbageEvery(batches: number): (batchIndex: number) => void {
  const gc = collector();
  return (index) => {
    if (gc && index % batches === batches - 1) gc();
  };
}

/** One full collection now (after a phase that left a lot of garbage, such as a key scan). */
export function collectGarbage(): void {
  collector()?.();
}
