import { describe, expect, it } from "vitest";
import { normalizeLanguage } from "./language";

describe("normalizeLanguage", () => {
  it("keeps a two-letter code", () => {
    expect(normalizeLanguage("en")).toEqual({ value: "en" });
  });

  it("lower-cases and trims without an issue", () => {
    expect(normalizeLanguage("EN")).toEqual({ value: "en" });
    expect(normalizeLanguage(" De ")).toEqual({ value: "de" });
  });

  it("drops a region and reports it, keeping en-US", () => {
    for (const input of ["en-US", "en_US", "EN-gb", "en-us"]) {
      const result = normalizeLanguage(input, "language");
      expect(result.value).toBe("en");
      expect(result.issue).toMatchObject({ reason: "invalid_value", field: "language", original: input });
    }
    expect(normalizeLanguage("zh-Hans-CN").value).toBe("zh");
    expect(normalizeLanguage("pt_BR").value).toBe("pt");
  });

  it("maps language names in English and in the language itself, with an issue", () => {
    const cases: [string, string][] = [
      ["English", "en"],
      ["english", "en"],
      ["German", "de"],
      ["Deutsch", "de"],
      ["Spanish", "es"],
      ["Español", "es"],
      ["French", "fr"],
      ["Français", "fr"],
      ["Japanese", "ja"],
      ["日本語", "ja"],
    ];
    for (const [input, code] of cases) {
      const result = normalizeLanguage(input);
      expect(result.value, input).toBe(code);
      expect(result.issue?.original).toBe(input);
    }
  });

  it("maps three-letter codes with an issue", () => {
    expect(normalizeLanguage("eng")).toMatchObject({ value: "en", issue: { reason: "invalid_value" } });
    expect(normalizeLanguage("ger").value).toBe("de");
    expect(normalizeLanguage("deu-DE").value).toBe("de");
  });

  it("stores NULL for an unknown language and reports it", () => {
    for (const input of [
      "Klingon",
      "auto",
      "und",
      "e",
      "xx-",
      "toString",
      "constructor",
      "__proto__",
      "hasOwnProperty",
      7,
    ]) {
      const result = normalizeLanguage(input);
      expect(result.value, String(input)).toBeNull();
      expect(result.issue?.reason).toBe("invalid_value");
    }
  });

  it("turns NULL, empty text and None into NULL without an issue", () => {
    for (const input of [null, undefined, "", "None"]) expect(normalizeLanguage(input)).toEqual({ value: null });
  });
});
