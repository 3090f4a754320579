import { InvalidParameterException } from "../../domain/errors.js";

// The CSS of SetUICustomization, checked as Cognito's classic hosted UI documents it:
// - selectors are only Cognito's customizable classes (".submitButton-customizable", and ":hover" /
//   ":focus" where Cognito lists them), alone or comma-separated; anything else is InvalidParameterException;
// - no at-rules (@import, @media, @supports, @page, …), no url(), expression(), javascript:, HTML or
//   backslash escapes anywhere: InvalidParameterException;
// - each class takes the properties Cognito lists for it; other properties are kept in what
//   GetUICustomization returns but never reach a browser (Cognito ignores keys not in its template).
// The stylesheet served to browsers is rebuilt from the accepted declarations, never the raw text.

const PROPERTIES: Record<string, readonly string[]> = {
  "background-customizable": ["background-color"],
  "banner-customizable": ["padding", "background-color"],
  "errorMessage-customizable": [
    "margin",
    "padding",
    "font-size",
    "width",
    "background",
    "border",
    "color",
    "box-sizing",
  ],
  "idpButton-customizable": [
    "height",
    "width",
    "text-align",
    "margin-bottom",
    "color",
    "background-color",
    "border-color",
  ],
  "idpButton-customizable:hover": ["color", "background-color"],
  "idpDescription-customizable": ["padding-top", "padding-bottom", "display", "font-size"],
  "inputField-customizable": ["width", "height", "color", "background-color", "border"],
  "inputField-customizable:focus": ["border-color", "outline"],
  "label-customizable": ["font-weight"],
  "legalText-customizable": ["color", "font-size"],
  "logo-customizable": ["max-width", "max-height"],
  "passwordCheck-notValid-customizable": ["color"],
  "passwordCheck-valid-customizable": ["color"],
  "redirect-customizable": ["text-align"],
  "socialButton-customizable": ["height", "text-align", "width", "margin-bottom"],
  "submitButton-customizable": [
    "font-size",
    "font-weight",
    "margin",
    "width",
    "height",
    "color",
    "background-color",
  ],
  "submitButton-customizable:hover": ["color", "background-color"],
  "textDescription-customizable": ["padding-top", "padding-bottom", "display", "font-size"],
};

export const CUSTOMIZABLE_SELECTORS = Object.keys(PROPERTIES);

const FORBIDDEN = [/@/, /</, />/, /\\/, /url\s*\(/i, /expression\s*\(/i, /javascript:/i, /behavior\s*:/i];
const SAFE_VALUE = /^[#%(),.\-\w\s/!+]*$/;
const invalid = (detail: string) => new InvalidParameterException(`Invalid CSS: ${detail}`);

export interface CssRule {
  selector: string;
  declarations: Array<[property: string, value: string]>;
}

/** Parses and checks the CSS; returns the declarations browsers may see, per selector. */
export function checkCustomCss(css: string): CssRule[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, " ");
  for (const pattern of FORBIDDEN) {
    if (pattern.test(text)) throw invalid(`${pattern.source.replace(/\\/g, "")} is not allowed.`);
  }
  const rules: CssRule[] = [];
  const blocks = /([^{}]*)\{([^{}]*)\}/g;
  let consumed = 0;
  for (let match = blocks.exec(text); match; match = blocks.exec(text)) {
    if (text.slice(consumed, match.index).trim() !== "") throw invalid("unexpected text between rules.");
    consumed = match.index + match[0].length;
    const selectors = (match[1] ?? "").split(",").map((selector) => selector.trim());
    const declarations = parseDeclarations(match[2] ?? "");
    for (const selector of selectors) {
      const name = selector.startsWith(".") ? selector.slice(1) : "";
      const allowed = PROPERTIES[name];
      if (!allowed) {
        throw invalid(
          `"${selector}" is not a customizable class; use one of ${CUSTOMIZABLE_SELECTORS.map((s) => `.${s}`).join(", ")}.`,
        );
      }
      rules.push({
        selector: `.${name}`,
        declarations: declarations.filter(([property]) => allowed.includes(property)),
      });
    }
  }
  if (text.slice(consumed).trim() !== "") throw invalid("a rule is not closed with }.");
  return rules;
}

function parseDeclarations(body: string): Array<[string, string]> {
  const declarations: Array<[string, string]> = [];
  for (const part of body.split(";")) {
    if (part.trim() === "") continue;
    const colon = part.indexOf(":");
    if (colon < 0) throw invalid(`"${part.trim()}" is not a property: value pair.`);
    const property = part.slice(0, colon).trim().toLowerCase();
    const value = part.slice(colon + 1).trim();
    if (!/^[a-z-]+$/.test(property)) throw invalid(`"${property}" is not a CSS property name.`);
    if (value === "" || !SAFE_VALUE.test(value)) throw invalid(`the value of ${property} is not allowed.`);
    declarations.push([property, value]);
  }
  return declarations;
}

/** The stylesheet browsers get: only accepted declarations, re-serialised. */
export function renderCustomCss(rules: readonly CssRule[]): string {
  return rules
    .filter((rule) => rule.declarations.length > 0)
    .map(
      (rule) =>
        `${rule.selector} {\n${rule.declarations.map(([property, value]) => `  ${property}: ${value};`).join("\n")}\n}`,
    )
    .join("\n");
}
