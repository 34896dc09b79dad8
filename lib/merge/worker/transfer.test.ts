import { describe, expect, it } from "vitest";
import { PLAN_BATCH_ROWS } from "@/lib/merge/store/plan-writer";
import { STAGE_BATCH } from "@/lib/copy/stage-batch";
import { OwnerFacingError } from "@/lib/workflow/types";
import { deserializeError, serializeError, transferables } from "./transfer";

describe("errors across threads", () => {
  it("keep an owner-facing error owner-facing, with its message and code", () => {
    const revived = deserializeError(serializeError(new OwnerFacingError("source changed since backup", "refused")));
    expect(revived).toBeInstanceOf(OwnerFacingError);
    expect(revived.message).toBe("source changed since backup");
    expect((revived as OwnerFacingError).code).toBe("refused");
  });

  it("keep an ordinary error's message, stack and code (SQLITE_BUSY and the like)", () => {
    const error = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    const revived = deserializeError(serializeError(error));
    expect(revived).not.toBeInstanceOf(OwnerFacingError);
    expect(revived.message).toBe("database is locked");
    expect(revived.stack).toBe(error.stack);
    expect((revived as Error & { code?: string }).code).toBe("SQLITE_BUSY");
  });
});

describe("transferables", () => {
  it("hand over whole-buffer chunks at any depth, and never a buffer that is a slice of a larger one", () => {
    const whole = new Uint8Array(8);
    const slice = new Uint8Array(new ArrayBuffer(16), 4, 4);
    const found = transferables({ copy: { summaries: [whole, slice], ids: [whole] }, text: "x", n: 1 });
    expect(found).toEqual([whole.buffer]);
  });
});

describe("product functions", () => {
  it.each([
    ["stage", STAGE_BATCH],
    ["plan rows", PLAN_BATCH_ROWS],
  ] as const)("name the module and export a worker imports (%s)", async (_name, product) => {
    const imported = (await import(`@/${product.file.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
    expect(imported[product.exportName]).toBe(product.fn);
  });
});
