import type { FastifyInstance, FastifyReply } from "fastify";
import { logoExtension } from "../../../app/hosted-ui/ui-customization.js";
import { checkCustomCss, renderCustomCss } from "../../../app/hosted-ui/ui-customization-css.js";
import { PASSKEY_SCRIPT, PASSKEY_SCRIPT_FILE } from "../assets/passkey-script.js";
import { STYLESHEET } from "../assets/stylesheet.js";
import { themeStylesheet } from "../assets/theme.js";
import type { HostedUi } from "../context.js";
import { ASSET_PATH } from "../render.js";

// Static assets, the same on every host: the stylesheet, the passkey pages' script, the configured theme, and each pool's or
// client's UI customization (CSS rebuilt from the accepted declarations, and the logo). Versioned URLs,
// so they may be cached for good.

const IMMUTABLE = "public, max-age=31536000, immutable";

function asset(reply: FastifyReply, type: string, body: string | Buffer, cacheControl: string) {
  return reply
    .header("content-type", type)
    .header("cache-control", cacheControl)
    .header("x-content-type-options", "nosniff")
    .header("cross-origin-resource-policy", "same-origin")
    .send(body);
}

export function registerAssetRoutes(scope: FastifyInstance, hostedUi: HostedUi): void {
  scope.get(`${ASSET_PATH}/hosted-ui.css`, async (_request, reply) =>
    asset(reply, "text/css; charset=utf-8", STYLESHEET, IMMUTABLE),
  );
  scope.get(`${ASSET_PATH}/${PASSKEY_SCRIPT_FILE}`, async (_request, reply) =>
    asset(reply, "text/javascript; charset=utf-8", PASSKEY_SCRIPT, IMMUTABLE),
  );
  scope.get(`${ASSET_PATH}/theme.css`, async (_request, reply) => {
    const css = themeStylesheet(hostedUi.options.theme ?? {});
    if (!css) return reply.code(404).header("content-type", "text/plain").send("no theme");
    return asset(reply, "text/css; charset=utf-8", css, IMMUTABLE);
  });

  scope.get<{ Params: { userPoolId: string; clientKey: string; version: string; file: string } }>(
    "/hosted-ui/branding/:userPoolId/:clientKey/:version/:file",
    async (request, reply) => {
      const { userPoolId, clientKey, version, file } = request.params;
      const found =
        userPoolId.length <= 55 && clientKey.length <= 128
          ? await hostedUi.app.storage.uiCustomizations.findUiCustomization(userPoolId, clientKey)
          : undefined;
      // An old version still gets the current content, just not cached for good.
      const cache = found?.version === version ? IMMUTABLE : "no-cache";
      if (found?.css && file === "custom.css") {
        return asset(reply, "text/css; charset=utf-8", renderCustomCss(checkCustomCss(found.css)), cache);
      }
      if (found?.imageBase64 && found.imageType && file === `logo.${logoExtension(found.imageType)}`) {
        return asset(reply, found.imageType, Buffer.from(found.imageBase64, "base64"), cache);
      }
      return reply.code(404).header("content-type", "text/plain").send("not found");
    },
  );
}
