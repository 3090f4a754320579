import type { Config } from "../../config/config.js";
import type { HostedUiOptions } from "./context.js";

/** The hosted UI's theme, template folder and security settings, as configured. */
export function hostedUiOptions(config: Config): HostedUiOptions {
  const theme = {
    ...(config.hostedUiName ? { name: config.hostedUiName } : {}),
    ...(config.hostedUiLogoUrl ? { logoUrl: config.hostedUiLogoUrl } : {}),
    ...(config.hostedUiPrimaryColor ? { primaryColor: config.hostedUiPrimaryColor } : {}),
    ...(config.hostedUiBackgroundColor ? { backgroundColor: config.hostedUiBackgroundColor } : {}),
    ...(config.hostedUiTextColor ? { textColor: config.hostedUiTextColor } : {}),
  };
  return {
    theme,
    ...(config.hostedUiTemplateDir ? { templateDir: config.hostedUiTemplateDir } : {}),
    frameAncestors: config.hostedUiFrameAncestors,
    sessionSeconds: config.hostedUiSessionSeconds,
  };
}
