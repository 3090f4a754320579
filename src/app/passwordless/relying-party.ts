import {
  InvalidParameterException,
  WebAuthnConfigurationMissingException,
  WebAuthnNotEnabledException,
  WebAuthnOriginNotAllowedException,
} from "../../domain/errors.js";
import { objectField, stringArrayField, stringField } from "../../domain/user-pool/json-fields.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies } from "../dependencies.js";

// The passkey relying party of a pool, as Cognito derives it:
// - its id is WebAuthnConfiguration.RelyingPartyId (SetUserPoolMfaConfig), else the pool's custom
//   domain, else its prefix domain's host name; with none of them WebAuthnConfigurationMissingException;
// - passkeys are enabled when SignInPolicy.AllowedFirstAuthFactors lists WEB_AUTHN (or WebAuthn is
//   configured as a second factor); otherwise WebAuthnNotEnabledException;
// - an origin is accepted when it is https on the RP id or one of its subdomains (any port), the rule
//   browsers apply to RP ids; http is accepted only for localhost names, for local development.

export type UserVerification = "required" | "preferred";

export interface RelyingParty {
  id: string;
  name: string;
  userVerification: UserVerification;
}

export type RelyingPartyDependencies = Pick<AppDependencies, "storage" | "deployment">;

const webAuthnConfiguration = (pool: UserPool) => objectField(pool.settings, "WebAuthnConfiguration") ?? {};

export function passkeysEnabled(pool: UserPool): boolean {
  const policies = objectField(pool.settings, "Policies");
  const signIn = policies && objectField(policies, "SignInPolicy");
  const factors = (signIn && stringArrayField(signIn, "AllowedFirstAuthFactors")) ?? [];
  const asMfa = stringField(webAuthnConfiguration(pool), "FactorConfiguration");
  return factors.includes("WEB_AUTHN") || asMfa === "MULTI_FACTOR_WITH_USER_VERIFICATION";
}

export async function relyingPartyOf(deps: RelyingPartyDependencies, pool: UserPool): Promise<RelyingParty> {
  if (!passkeysEnabled(pool)) {
    throw new WebAuthnNotEnabledException("Passkey authentication is not enabled for this user pool.");
  }
  const configuration = webAuthnConfiguration(pool);
  const userVerification =
    stringField(configuration, "UserVerification") === "required" ? "required" : "preferred";
  let id = stringField(configuration, "RelyingPartyId");
  if (id === undefined) {
    const custom = await deps.storage.userPoolDomains.findUserPoolDomainOfPool(pool.id, "custom");
    const prefix = custom
      ? undefined
      : await deps.storage.userPoolDomains.findUserPoolDomainOfPool(pool.id, "prefix");
    id =
      custom?.domain ??
      (prefix && deps.deployment.domainSuffix
        ? `${prefix.domain}.${deps.deployment.domainSuffix}`
        : undefined);
  }
  if (id === undefined) {
    throw new WebAuthnConfigurationMissingException(
      "The user pool has no relying party id: set WebAuthnConfiguration.RelyingPartyId or add a domain.",
    );
  }
  return { id: id.toLowerCase(), name: stringField(pool.settings, "PoolName") ?? id, userVerification };
}

const isLocalhost = (host: string) => host === "localhost" || host.endsWith(".localhost");

/** True when a browser on `origin` may use passkeys of the RP id `rpId`. */
export function originAllowed(origin: string, rpId: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  const host = url.hostname.toLowerCase();
  const onRp = host === rpId || host.endsWith(`.${rpId}`);
  if (!onRp) return false;
  return url.protocol === "https:" || (url.protocol === "http:" && isLocalhost(host));
}

export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
}

/** Reads clientDataJSON (base64url JSON) of a WebAuthn response; InvalidParameterException when malformed. */
export function clientDataOf(credential: unknown, what: string): ClientData {
  const invalid = () => new InvalidParameterException(`${what} is not a valid WebAuthn response.`);
  if (typeof credential !== "object" || credential === null) throw invalid();
  const response = (credential as { response?: unknown }).response;
  if (typeof response !== "object" || response === null) throw invalid();
  const encoded = (response as { clientDataJSON?: unknown }).clientDataJSON;
  if (typeof encoded !== "string") throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const data = parsed as Partial<ClientData>;
  if (typeof data.challenge !== "string" || typeof data.origin !== "string" || typeof data.type !== "string")
    throw invalid();
  return { type: data.type, challenge: data.challenge, origin: data.origin };
}

/** The origin of `clientData` when allowed for the RP, else WebAuthnOriginNotAllowedException. */
export function requireAllowedOrigin(clientData: ClientData, rp: RelyingParty): string {
  if (!originAllowed(clientData.origin, rp.id)) {
    throw new WebAuthnOriginNotAllowedException(
      `The origin ${clientData.origin} is not allowed for relying party ${rp.id}.`,
    );
  }
  return clientData.origin;
}
