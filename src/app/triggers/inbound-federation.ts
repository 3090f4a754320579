import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies } from "../dependencies.js";
import { readStringMap, type StringMap } from "./trigger-event.js";

// InboundFederation: runs when a user signs in through an external identity provider, before the
// provider's attributes are mapped onto the user (source InboundFederation_ExternalProvider). Sent: the
// provider's name and type, and what it returned: tokenResponse, idToken claims, userInfo, or the SAML
// response's attributes. Its answer, userAttributesToMap, is the attribute set to map ({} keeps all;
// attributes left out are dropped). Federation calls runInboundFederation; no other flow does.

export type ProviderType = "OIDC" | "SAML" | "Facebook" | "Google" | "SignInWithApple" | "LoginWithAmazon";

export interface InboundFederationInput {
  pool: UserPool;
  clientId?: string;
  userName: string;
  providerName: string;
  providerType: ProviderType;
  attributes: {
    tokenResponse?: StringMap;
    idToken?: StringMap;
    userInfo?: StringMap;
    samlResponse?: StringMap;
  };
}

/** The attributes to map, or undefined when the pool has no such trigger (map everything as usual). */
export async function runInboundFederation(
  deps: Pick<AppDependencies, "triggers">,
  input: InboundFederationInput,
): Promise<StringMap | undefined> {
  if (!deps.triggers.configured(input.pool, "InboundFederation")) return undefined;
  const attributes: Record<string, StringMap> = {};
  for (const [name, map] of Object.entries(input.attributes)) if (map) attributes[name] = { ...map };
  const event = deps.triggers.event(
    {
      pool: input.pool,
      triggerSource: "InboundFederation_ExternalProvider",
      userName: input.userName,
      clientId: input.clientId,
    },
    { providerName: input.providerName, providerType: input.providerType, attributes },
    { userAttributesToMap: null },
  );
  const response = await deps.triggers.invoke(input.pool, "InboundFederation", event);
  return readStringMap(response, "userAttributesToMap") ?? {};
}
