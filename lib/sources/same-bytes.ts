import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Whether two files hold the same bytes (false when either is missing). */
export async function sameBytes(a: string, b: string): Promise<boolean> {
  try {
    if (statSync(a).size !== statSync(b).size) return false;
  } catch {
    return false;
  }
  const [left, right] = await Promise.all([sha256(a), sha256(b)]);
  return left === right;
}
