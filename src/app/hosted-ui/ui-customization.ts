import { InvalidParameterException } from "../../domain/errors.js";
import type { UiCustomization } from "../../ports/hosted-ui-repositories.js";
import type { StorageRepositories } from "../../ports/storage.js";

// Classic hosted-UI branding (Get/SetUICustomization): a CSS file and a logo per pool ("ALL") or per app
// client. A client's own customization replaces the pool's entirely; without one the pool's applies.

export const ALL_CLIENTS = "ALL";

/** Cognito's UICustomizationType. */
export interface UiCustomizationDescription {
  UserPoolId: string;
  ClientId: string;
  ImageUrl?: string;
  CSS?: string;
  CSSVersion?: string;
  LastModifiedDate?: Date;
  CreationDate?: Date;
}

const IMAGE_TYPES: ReadonlyArray<{ type: string; extension: string; magic: number[] }> = [
  { type: "image/png", extension: "png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", extension: "jpg", magic: [0xff, 0xd8, 0xff] },
];

/** The logo's media type, from its first bytes: PNG or JPEG only, as Cognito accepts. */
export function sniffLogo(base64: string): string {
  const bytes = Buffer.from(base64, "base64");
  const found = IMAGE_TYPES.find(({ magic }) => magic.every((byte, index) => bytes[index] === byte));
  if (!found) throw new InvalidParameterException("Invalid ImageFile: the logo must be a PNG or JPEG image.");
  return found.type;
}

export const logoExtension = (type: string) =>
  IMAGE_TYPES.find((candidate) => candidate.type === type)?.extension ?? "png";

/** Where the branding assets are served; the same path on every host (issuer host and pool domains). */
export const brandingPath = (customization: Pick<UiCustomization, "userPoolId" | "clientKey" | "version">) =>
  `/hosted-ui/branding/${encodeURIComponent(customization.userPoolId)}/${encodeURIComponent(customization.clientKey)}/${customization.version}`;

export function describeUiCustomization(
  customization: UiCustomization,
  publicUrl: string,
): UiCustomizationDescription {
  return {
    UserPoolId: customization.userPoolId,
    ClientId: customization.clientKey,
    ...(customization.imageType
      ? {
          ImageUrl: `${publicUrl}${brandingPath(customization)}/logo.${logoExtension(customization.imageType)}`,
        }
      : {}),
    ...(customization.css !== null ? { CSS: customization.css } : {}),
    CSSVersion: customization.version,
    LastModifiedDate: customization.lastModifiedAt,
    CreationDate: customization.createdAt,
  };
}

/** The customization that applies to a client: its own, else the pool's "ALL", else none. */
export async function effectiveUiCustomization(
  storage: Pick<StorageRepositories, "uiCustomizations">,
  userPoolId: string,
  clientId: string | undefined,
): Promise<UiCustomization | undefined> {
  if (clientId && clientId !== ALL_CLIENTS) {
    const own = await storage.uiCustomizations.findUiCustomization(userPoolId, clientId);
    if (own) return own;
  }
  return storage.uiCustomizations.findUiCustomization(userPoolId, ALL_CLIENTS);
}
