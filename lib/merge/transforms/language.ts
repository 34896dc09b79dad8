import { isNullish, lossy, ok, preview, type Transformed } from "./types";

/**
 * The target keeps ISO 639-1 codes (`^[a-z]{2}$`) or NULL. Letter case and surrounding
 * whitespace are spelling (`EN` → `en`, no issue). Everything else that still names a language
 * is normalized but reported, because the original said more or said it differently: a region
 * or script tag (`en-US`, `pt_BR`, `zh-Hans` → first subtag), a three-letter code (`eng`, `ger`),
 * a language name in English or in the language itself (`English`, `Deutsch`). Unknown text,
 * `auto`, `und` → NULL plus an issue. NULL, empty, `None` → NULL without one.
 */
const NAMES: Record<string, string> = {
  english: "en",
  german: "de",
  deutsch: "de",
  spanish: "es",
  español: "es",
  espanol: "es",
  castellano: "es",
  french: "fr",
  français: "fr",
  francais: "fr",
  italian: "it",
  italiano: "it",
  portuguese: "pt",
  português: "pt",
  portugues: "pt",
  dutch: "nl",
  nederlands: "nl",
  russian: "ru",
  русский: "ru",
  ukrainian: "uk",
  українська: "uk",
  polish: "pl",
  polski: "pl",
  czech: "cs",
  čeština: "cs",
  swedish: "sv",
  svenska: "sv",
  norwegian: "no",
  norsk: "no",
  danish: "da",
  dansk: "da",
  finnish: "fi",
  suomi: "fi",
  greek: "el",
  ελληνικά: "el",
  turkish: "tr",
  türkçe: "tr",
  arabic: "ar",
  العربية: "ar",
  hebrew: "he",
  עברית: "he",
  hindi: "hi",
  हिन्दी: "hi",
  chinese: "zh",
  mandarin: "zh",
  中文: "zh",
  japanese: "ja",
  日本語: "ja",
  korean: "ko",
  한국어: "ko",
  vietnamese: "vi",
  "tiếng việt": "vi",
  thai: "th",
  indonesian: "id",
  "bahasa indonesia": "id",
  malay: "ms",
  hungarian: "hu",
  magyar: "hu",
  romanian: "ro",
  română: "ro",
  persian: "fa",
  farsi: "fa",
  bengali: "bn",
  urdu: "ur",
  tamil: "ta",
  catalan: "ca",
  català: "ca",
};

const THREE_LETTER: Record<string, string> = {
  eng: "en",
  deu: "de",
  ger: "de",
  spa: "es",
  fra: "fr",
  fre: "fr",
  ita: "it",
  por: "pt",
  nld: "nl",
  dut: "nl",
  rus: "ru",
  ukr: "uk",
  pol: "pl",
  ces: "cs",
  cze: "cs",
  swe: "sv",
  nor: "no",
  dan: "da",
  fin: "fi",
  ell: "el",
  gre: "el",
  tur: "tr",
  ara: "ar",
  heb: "he",
  hin: "hi",
  zho: "zh",
  chi: "zh",
  jpn: "ja",
  kor: "ko",
  vie: "vi",
  tha: "th",
  ind: "id",
  hun: "hu",
  ron: "ro",
  rum: "ro",
  fas: "fa",
  per: "fa",
};

/** Own keys only: "constructor" must not find Object.prototype.constructor. */
function lookup(table: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function normalizeLanguage(input: unknown, field?: string): Transformed<string> {
  if (isNullish(input)) return ok(null);
  if (typeof input !== "string")
    return lossy(null, "invalid_value", input, `language is not text: ${preview(input)}`, field);
  const text = input.trim().toLowerCase();
  if (/^[a-z]{2}$/.test(text)) return ok(text);

  const normalized = (code: string, how: string) =>
    lossy(code, "invalid_value", input, `language ${preview(input)} stored as '${code}' (${how})`, field);
  const tagged = /^([a-z]{2,3})[-_][a-z0-9-_]+$/.exec(text);
  if (tagged) {
    const primary = tagged[1].length === 2 ? tagged[1] : lookup(THREE_LETTER, tagged[1]);
    if (primary) return normalized(primary, "region or script dropped");
  }
  const code = lookup(THREE_LETTER, text);
  if (code) return normalized(code, "three-letter code");
  const named = lookup(NAMES, text);
  if (named) return normalized(named, "language name");
  return lossy(null, "invalid_value", input, `unknown language ${preview(input)}, stored NULL`, field);
}
