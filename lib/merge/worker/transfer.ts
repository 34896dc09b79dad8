import { OwnerFacingError } from "@/lib/workflow/types";
import type { SerializedError } from "./protocol";

/** Errors cross threads as plain data; an owner-facing one stays owner-facing, with its code. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      stack: error.stack,
      code: typeof code === "string" ? code : undefined,
    };
  }
  return { name: "Error", message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  const revived =
    error.name === "OwnerFacingError" ? new OwnerFacingError(error.message, error.code) : new Error(error.message);
  if (error.name !== "OwnerFacingError" && error.code) Object.assign(revived, { code: error.code });
  if (error.stack) revived.stack = error.stack;
  return revived;
}

/**
 * The ArrayBuffers a message can hand over instead of copying: whole-buffer Uint8Arrays (a
 * COPY payload chunk) found at any depth of plain objects and arrays.
 */
export function transferables(value: unknown, found: ArrayBuffer[] = []): ArrayBuffer[] {
  if (value instanceof Uint8Array) {
    const buffer = value.buffer;
    if (
      buffer instanceof ArrayBuffer &&
      value.byteOffset === 0 &&
      value.byteLength === buffer.byteLength &&
      !found.includes(buffer)
    )
      found.push(buffer);
  } else if (Array.isArray(value)) for (const item of value) transferables(item, found);
  else if (value !== null && typeof value === "object" && !(value instanceof Map) && !(value instanceof Set))
    for (const item of Object.values(value)) transferables(item, found);
  return found;
}

/** In a worker started by askTsWorker: computes its one answer and posts it, or the error, as data. */
export async function answerParent<T>(compute: () => T | Promise<T>): Promise<void> {
  const { parentPort } = await import("node:worker_threads");
  let message: { result: T } | { error: SerializedError };
  try {
    message = { result: await compute() };
  } catch (error) {
    message = { error: serializeError(error) };
  }
  parentPort!.postMessage(message);
}
