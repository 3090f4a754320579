/*
 * A plain-text rendering of an email body for the text part and the dev outbox. Rules:
 * - A body without tags is returned unchanged (every default template).
 * - <br> and the end of block elements become line breaks.
 * - <a href="u">t</a> becomes "t (u)", or just "u" when the text is the address.
 * - Other tags are dropped and the common entities decoded.
 */

const ENTITIES: Record<string, string> = {
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&apos;": "'",
  "&nbsp;": " ",
};

function decodeEntities(text: string): string {
  return text
    .replace(/&(lt|gt|quot|#39|apos|nbsp);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/&amp;/g, "&");
}

export function htmlToText(html: string): string {
  if (!/<[a-zA-Z/!]/.test(html)) return html;
  const withLinks = html.replace(
    /<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a\s*>/gi,
    (_match, doubleQuoted: string | undefined, singleQuoted: string | undefined, inner: string) => {
      const href = doubleQuoted ?? singleQuoted ?? "";
      const label = inner.replace(/<[^>]*>/g, "").trim();
      return label === "" || label === href ? href : `${label} (${href})`;
    },
  );
  const text = withLinks
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|h[1-6]|li|tr|table)\s*>/gi, "\n")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]*>/g, "");
  return decodeEntities(text).replace(/\n{3,}/g, "\n\n");
}
