import { describe, expect, it } from "vitest";
import { normalizeVariantName, VARIANT_PATTERN } from "./variant-name";

describe("normalizeVariantName", () => {
  it("turns underscores into hyphens without an issue", () => {
    expect(normalizeVariantName("bullet_points")).toEqual({ value: "bullet-points" });
  });

  it("lower-cases, trims and hyphenates spaces without an issue", () => {
    expect(normalizeVariantName("  Key Points ")).toEqual({ value: "key-points" });
    expect(normalizeVariantName("COMPREHENSIVE")).toEqual({ value: "comprehensive" });
    expect(normalizeVariantName("key__insights")).toEqual({ value: "key-insights" });
    expect(normalizeVariantName("-audio-")).toEqual({ value: "audio" });
  });

  it("keeps an already normal name as it is", () => {
    expect(normalizeVariantName("bullet-points")).toEqual({ value: "bullet-points" });
    expect(normalizeVariantName("audio-fr2")).toEqual({ value: "audio-fr2" });
  });

  it("keeps a qualifier after a colon, as the NAS writes later variants", () => {
    expect(normalizeVariantName("audio-fr:intermediate")).toEqual({ value: "audio-fr:intermediate" });
    expect(normalizeVariantName("Audio_FR : Intermediate")).toEqual({ value: "audio-fr:intermediate" });
    expect(normalizeVariantName("audio:").issue?.reason).toBe("invalid_value");
    expect(normalizeVariantName("audio:").value).toBe("audio");
  });

  it("replaces characters outside the programs' spelling and reports it", () => {
    const result = normalizeVariantName("key points!", "variant");
    expect(result.value).toBe("key-points");
    expect(result.issue).toMatchObject({ reason: "invalid_value", field: "variant", original: "key points!" });
    expect(normalizeVariantName("résumé").value).toBe("r-sum");
  });

  it("reports an empty or non-text name with NULL", () => {
    for (const input of ["", "   ", "__", "!!", null, 3]) {
      const result = normalizeVariantName(input);
      expect(result.value).toBeNull();
      expect(result.issue?.reason).toBe("invalid_value");
    }
  });

  it("always produces a name in the programs' spelling", () => {
    for (const input of ["a", "A_B c-D", "x--y", "_ _a_ _", "ünïcode name", "v2.1", "a::b", ":x:", "deep research"]) {
      const value = normalizeVariantName(input).value;
      if (value !== null) expect(value).toMatch(VARIANT_PATTERN);
    }
  });
});
