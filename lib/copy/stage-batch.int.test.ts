import { afterEach, describe, expect, it } from "vitest";
import { demoHarness, type Harness } from "@/test/support/copy-harness";
import { batchInputs, batchSliceMerger, MERGE_SLICE } from "@/lib/merge/merge-batches";
import { extrasBatch } from "@/lib/merge/merge-extras";
import { openMergePass, type MergeBatch } from "@/lib/merge/merge-pass";
import { mergeRecord } from "@/lib/merge/merge-record";
import { batchReaders } from "@/lib/merge/source-db";
import { loadDecisions } from "@/lib/merge/store/decisions";
import { planBatchRows, planRows } from "@/lib/merge/store/plan-writer";
import { stageBatch, stageBatchSlices, type StagedBatch } from "./stage-batch";

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

/** A staged batch with each table's COPY chunks as one text: slices cut the chunks elsewhere, not the bytes. */
function copyText(staged: StagedBatch) {
  const text = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString("utf8");
  const { copy, ...rest } = staged;
  return {
    ...rest,
    copy: {
      ids: text(copy.ids),
      content: text(copy.content),
      summaries: text(copy.summaries),
      quarantine: text(copy.quarantine),
    },
  };
}

describe("a batch merged slice by slice", () => {
  it("stages the same COPY text, expectations and plan rows as the batch merged whole, on the demo pair", async () => {
    const h = await demoHarness();
    harnesses.push(h);
    const { decisions } = await loadDecisions(h.ctx.db);
    const batchSize = MERGE_SLICE * 2 + 7; // three slices per batch, the last one short
    const pass = openMergePass(h.sources, batchSize);
    try {
      const readers = { nas: batchReaders(pass.nas.src), dashboard: batchReaders(pass.dashboard.src) };
      const merge = batchSliceMerger(pass, decisions);
      const last = pass.batchCount - 1;
      expect(last).toBeGreaterThanOrEqual(2);
      let quarantined = 0;
      for (let index = 0; index <= last; index++) {
        const whole: MergeBatch =
          index === last
            ? { index, records: [], extras: extrasBatch(pass) }
            : { index, records: batchInputs(pass, readers, decisions, index).map(mergeRecord) };
        const slices = [...merge(index)];
        const expectedSlices = index === last ? 1 : Math.ceil(whole.records.length / MERGE_SLICE);
        expect(slices, `batch ${index}`).toHaveLength(expectedSlices);
        expect(slices.flatMap((s) => s.records.map((r) => r.videoId))).toEqual(whole.records.map((r) => r.videoId));

        const staged = stageBatchSlices(slices);
        expect(copyText(staged), `batch ${index}`).toEqual(copyText(stageBatch(whole)));
        expect(planBatchRows(slices), `batch ${index}`).toEqual(planRows(whole.records, whole.extras?.quarantine));
        quarantined += staged.counts.quarantine;
      }
      // the demo pair quarantines rows, so the comparison covered quarantine lines too
      expect(quarantined).toBeGreaterThan(0);
    } finally {
      pass.close();
    }
  });
});
