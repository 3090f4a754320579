import { userPoolClientNotFound } from "../../domain/user-pool-client/user-pool-client.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import {
  ALL_CLIENTS,
  describeUiCustomization,
  sniffLogo,
  type UiCustomizationDescription,
} from "../hosted-ui/ui-customization.js";
import { checkCustomCss } from "../hosted-ui/ui-customization-css.js";
import { findUserPoolOrThrow } from "./user-pool-client-support.js";
import { nextModificationTime } from "./user-pool-lookup.js";

export interface SetUICustomizationInput {
  UserPoolId: string;
  ClientId?: string;
  CSS?: string;
  /** Base64, as the JSON protocol carries blobs. */
  ImageFile?: string;
}

// SetUICustomization: CSS and logo for the classic hosted UI, for every client ("ALL" or no ClientId) or one.
// - Each call replaces both: CSS and logo cannot be set separately (a missing one is cleared).
// - The CSS follows Cognito's class and property rules (ui-customization-css.ts); the logo is PNG or JPEG.
// - Unknown pool, then unknown client: ResourceNotFoundException.
// - Cognito also requires the pool to have a domain; Cognate serves the hosted UI under the issuer path
//   without one, so it does not.

export const setUICustomization =
  (
    deps: Pick<AppDependencies, "storage" | "clock" | "deployment">,
  ): UseCase<SetUICustomizationInput, { UICustomization: UiCustomizationDescription }> =>
  async (_context, input) => {
    const pool = await findUserPoolOrThrow(deps.storage, input.UserPoolId);
    const clientKey = input.ClientId ?? ALL_CLIENTS;
    if (clientKey !== ALL_CLIENTS) {
      const client = await deps.storage.userPoolClients.findClient(pool.id, clientKey);
      if (!client) throw userPoolClientNotFound(clientKey);
    }
    const css = input.CSS !== undefined && input.CSS.trim() !== "" ? input.CSS : null;
    if (css !== null) checkCustomCss(css);
    const image = input.ImageFile !== undefined && input.ImageFile !== "" ? input.ImageFile : null;
    const imageType = image !== null ? sniffLogo(image) : null;

    const previous = await deps.storage.uiCustomizations.findUiCustomization(pool.id, clientKey);
    const now = previous ? nextModificationTime(deps.clock.now(), previous.lastModifiedAt) : deps.clock.now();
    const saved = {
      userPoolId: pool.id,
      clientKey,
      css,
      imageBase64: image,
      imageType,
      version: String(now.getTime()),
      createdAt: previous?.createdAt ?? now,
      lastModifiedAt: now,
    };
    await deps.storage.uiCustomizations.saveUiCustomization(saved);
    return { UICustomization: describeUiCustomization(saved, deps.deployment.publicUrl) };
  };
