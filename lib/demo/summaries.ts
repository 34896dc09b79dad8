import type { CatalogueVideo } from "./catalogue";

/**
 * Summary text for a demo video, in the variants YTV2 produced, plus the messy encodings the
 * legacy programs stored (DESIGN.md: dict-as-string in JSON and Python-literal form, literal
 * "\n" escapes). Pure and deterministic: the same video always gets the same text.
 */
export type SummaryTexts = { comprehensive: string; bulletPoints: string; keyPoints: string };

const CLOSERS = [
  "It is a good starting point for anyone new to {topic}, and experienced viewers will still find the worked examples useful.",
  "The presenter closes by pointing to further reading on {topic} and inviting questions in the comments.",
  "Overall it is a balanced, well-sourced introduction to {topic} that avoids the usual exaggerations.",
  "The last few minutes answer common viewer questions about {topic}, which makes the video easy to recommend.",
];

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function summaryTexts(video: CatalogueVideo, options: { opener?: string } = {}): SummaryTexts {
  const { theme, points } = video;
  const topic = theme.topics[video.indexInTheme % theme.topics.length];
  const opener = options.opener ?? "In this video,";
  const takeaways = `${points.slice(0, -1).join("; ")}; and ${points[points.length - 1]}`;
  const closer = CLOSERS[video.indexInTheme % CLOSERS.length].replace("{topic}", topic);
  const comprehensive = [
    `${opener} ${video.channel} ${video.gist}.`,
    theme.context,
    `The main takeaways: ${takeaways}.`,
    closer,
  ].join("\n\n");
  const bulletPoints = [
    ...points.map((point) => `${theme.bullet}${capitalize(point)}.`),
    `${theme.bullet}Covers ${topic}.`,
  ];
  const keyPoints = [
    `${theme.bullet}${capitalize(points[0])}.`,
    `${theme.bullet}${capitalize(points[points.length - 1])}.`,
    `${theme.bullet}Best for viewers interested in ${topic}.`,
  ];
  return { comprehensive, bulletPoints: bulletPoints.join("\n"), keyPoints: keyPoints.join("\n") };
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word !== "").length;
}

/** The summary as an older program stored it: a JSON object serialised into a TEXT column. */
export function asJsonDict(texts: SummaryTexts): string {
  return JSON.stringify({ comprehensive: texts.comprehensive, bullet_points: texts.bulletPoints });
}

/** A Python string literal in the given quote style, escaped the way repr() does. */
function pythonString(text: string, quote: "'" | '"'): string {
  const escaped = text
    .replace(/\\/g, "\\\\")
    .replace(/\n/g, "\\n")
    .replace(quote === "'" ? /'/g : /"/g, `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

/**
 * The summary as the Python code wrote it with str(dict): single-quoted keys, an escaped
 * apostrophe, a double-quoted value, None, True and a number — never valid JSON.
 */
export function asPythonDict(texts: SummaryTexts): string {
  return (
    `{'comprehensive': ${pythonString(texts.comprehensive, "'")}, ` +
    `'bullet_points': ${pythonString(texts.bulletPoints + "\n• Don't skip the last section.", '"')}, ` +
    `'key_points': None, 'word_count': ${wordCount(texts.comprehensive)}, 'is_final': True}`
  );
}

/** Text whose newlines were stored as the two characters backslash and n. */
export function withLiteralNewlines(text: string): string {
  return text.replace(/\n/g, "\\n");
}
