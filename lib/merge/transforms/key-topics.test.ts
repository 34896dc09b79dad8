import { describe, expect, it } from "vitest";
import { toKeyTopics } from "./key-topics";

describe("toKeyTopics", () => {
  it("reads a JSON array and trims its strings", () => {
    expect(toKeyTopics('["AI", " Python ", "ML"]')).toEqual({ value: ["AI", "Python", "ML"] });
  });

  it("reads a plain comma list as trimmed strings", () => {
    expect(toKeyTopics("AI, Python , ML")).toEqual({ value: ["AI", "Python", "ML"] });
    expect(toKeyTopics("single topic")).toEqual({ value: ["single topic"] });
  });

  it("drops empty entries without an issue", () => {
    expect(toKeyTopics("AI,, ,ML,")).toEqual({ value: ["AI", "ML"] });
    expect(toKeyTopics('["", "AI"]')).toEqual({ value: ["AI"] });
  });

  it("reads a Python list as str(list) wrote it", () => {
    expect(toKeyTopics("['AI', \"Bob's topic\"]")).toEqual({ value: ["AI", "Bob's topic"] });
  });

  it("reads a JSON string as one topic", () => {
    expect(toKeyTopics('"AI"')).toEqual({ value: ["AI"] });
  });

  it("reads a comma list of quoted topics", () => {
    expect(toKeyTopics('"AI", "Machine learning, applied"')).toEqual({ value: ["AI", "Machine learning, applied"] });
    expect(toKeyTopics("'AI', 'ML'")).toEqual({ value: ["AI", "ML"] });
  });

  it("reads a topic that merely begins with a quote as plain text", () => {
    expect(toKeyTopics("'90s music, synths")).toEqual({ value: ["'90s music", "synths"] });
  });

  it("keeps order and duplicates", () => {
    expect(toKeyTopics("b, a, b")).toEqual({ value: ["b", "a", "b"] });
  });

  it("writes numbers and booleans as text", () => {
    expect(toKeyTopics("[2024, true]")).toEqual({ value: ["2024", "true"] });
  });

  it("keeps an empty array and turns NULL forms into NULL", () => {
    expect(toKeyTopics("[]")).toEqual({ value: [] });
    for (const input of [null, undefined, "", "None"]) expect(toKeyTopics(input)).toEqual({ value: null });
  });

  it("accepts an already parsed array", () => {
    expect(toKeyTopics([" a ", "b"])).toEqual({ value: ["a", "b"] });
  });

  it("reports text that looks structured but does not parse as invalid_json", () => {
    const result = toKeyTopics("[AI, ML", "topics_json");
    expect(result).toMatchObject({
      value: null,
      issue: { reason: "invalid_json", field: "topics_json", original: "[AI, ML" },
    });
  });

  it("reports a parsed value that is not a list", () => {
    expect(toKeyTopics('{"a": 1}')).toMatchObject({ value: null, issue: { reason: "invalid_value" } });
  });

  it("drops objects and nulls inside the list and reports it", () => {
    const result = toKeyTopics('["AI", {"x": 1}, null]');
    expect(result.value).toEqual(["AI"]);
    expect(result.issue?.reason).toBe("invalid_value");
  });

  it("removes NUL characters and reports it", () => {
    const result = toKeyTopics("A\u0000I, ML");
    expect(result.value).toEqual(["AI", "ML"]);
    expect(result.issue?.reason).toBe("invalid_value");
  });

  it("reports a non-text value", () => {
    expect(toKeyTopics(42).issue?.reason).toBe("invalid_value");
  });
});
