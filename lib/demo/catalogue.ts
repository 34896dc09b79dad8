import { BUSINESS_EDUCATION_THEMES } from "./catalogue-business-education";
import { SCIENCE_TECH_THEMES } from "./catalogue-science-tech";

/** A group of videos sharing a category, channels and vocabulary. */
export type Theme = {
  category: string;
  subcategories: string[];
  channels: string[];
  /** the bullet marker the channel's summaries used ("- " or "• "), both exist in real data */
  bullet: "- " | "• ";
  topics: string[];
  entities: string[];
  context: string;
  /** one video per line: "title | gist | point; point; point" */
  videos: string;
};

export type CatalogueVideo = {
  title: string;
  /** completes "The video …" */
  gist: string;
  points: string[];
  channel: string;
  theme: Theme;
  /** position inside its theme, used to vary subcategories and topics */
  indexInTheme: number;
};

function parseTheme(theme: Theme): CatalogueVideo[] {
  return theme.videos
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line, indexInTheme) => {
      const [title, gist, points] = line.split(" | ");
      if (!title || !gist || !points) throw new Error(`malformed demo catalogue line: ${line}`);
      return {
        title,
        gist,
        points: points.split("; "),
        channel: theme.channels[indexInTheme % theme.channels.length],
        theme,
        indexInTheme,
      };
    });
}

export const THEMES: Theme[] = [...SCIENCE_TECH_THEMES, ...BUSINESS_EDUCATION_THEMES];

/** Every video of the catalogue, in catalogue order (the generator shuffles it with its seed). */
export const CATALOGUE: CatalogueVideo[] = THEMES.flatMap(parseTheme);

export const CHANNELS: string[] = [...new Set(THEMES.flatMap((theme) => theme.channels))];
