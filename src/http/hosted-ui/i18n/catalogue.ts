import { DE } from "./de.js";
import { type Catalogue, EN, type MessageId } from "./en.js";
import { ES } from "./es.js";

// Message catalogues and the choice of language: the `lang` query parameter (Cognito's), then the
// browser's Accept-Language (by q-value), then English. "es-MX" and "de-AT" use "es" and "de".

export type { MessageId };
export type Language = "en" | "es" | "de";
export const LANGUAGES: ReadonlyArray<{ code: Language; name: string }> = [
  { code: "en", name: "English" },
  { code: "es", name: "Español" },
  { code: "de", name: "Deutsch" },
];
const CATALOGUES: Record<Language, Catalogue> = { en: EN, es: ES, de: DE };

const supported = (tag: string | undefined): Language | undefined => {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((language) => language.code === primary)?.code;
};

export function chooseLanguage(lang: string | undefined, acceptLanguage: string | undefined): Language {
  const fromQuery = supported(lang);
  if (fromQuery) return fromQuery;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.split(";");
      const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      return { tag, q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    const language = supported(entry.tag);
    if (language) return language;
  }
  return "en";
}

export type Translate = (id: MessageId, params?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const catalogue = CATALOGUES[language];
  return (id, params = {}) =>
    catalogue[id].replace(/\{(\w+)\}/g, (match, name: string) =>
      params[name] !== undefined ? String(params[name]) : match,
    );
}
