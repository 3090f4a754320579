// The theme from configuration (the second branding level): a product name, a logo URL and colours.
// Colours must be #rgb or #rrggbb; anything else is ignored, so configuration can never inject CSS.
// Button text is black or white, whichever contrasts more with the primary colour.

export interface HostedUiTheme {
  name?: string;
  logoUrl?: string;
  primaryColor?: string;
  backgroundColor?: string;
  textColor?: string;
}

const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

function expand(hex: string): [number, number, number] {
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d).join("") : hex.slice(1);
  return [0, 2, 4].map((at) => Number.parseInt(digits.slice(at, at + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = expand(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white text, whichever gives more contrast on `background`. */
export function readableTextOn(background: string): string {
  const l = luminance(background);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? "#ffffff" : "#111111";
}

/** The theme's CSS, or undefined when the theme sets no colour. */
export function themeStylesheet(theme: HostedUiTheme): string | undefined {
  const rules: string[] = [];
  if (theme.primaryColor && HEX.test(theme.primaryColor)) {
    rules.push(
      `--cg-primary: ${theme.primaryColor};`,
      `--cg-primary-text: ${readableTextOn(theme.primaryColor)};`,
    );
  }
  if (theme.backgroundColor && HEX.test(theme.backgroundColor)) {
    rules.push(`--cg-background: ${theme.backgroundColor};`);
  }
  if (theme.textColor && HEX.test(theme.textColor)) rules.push(`--cg-text: ${theme.textColor};`);
  return rules.length > 0 ? `:root {\n  ${rules.join("\n  ")}\n}\n` : undefined;
}

/** Only http(s) logo URLs are used; the origin joins the page's img-src. */
export function themeLogo(theme: HostedUiTheme): { url: string; origin: string } | undefined {
  if (!theme.logoUrl) return undefined;
  try {
    const url = new URL(theme.logoUrl);
    if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
    return { url: url.href, origin: url.origin };
  } catch {
    return undefined;
  }
}
