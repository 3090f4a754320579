import { discoveryDocument } from "../../domain/oauth2/discovery.js";
import type { JsonObject } from "../../shared/json.js";
import { issuerOf, type OAuth2Dependencies } from "./oauth2-support.js";

/** The pool's OIDC discovery document; undefined when the pool does not exist. */
export const createDiscovery =
  (deps: Pick<OAuth2Dependencies, "storage" | "deployment">) =>
  async (userPoolId: string): Promise<JsonObject | undefined> =>
    (await deps.storage.userPools.findUserPool(userPoolId))
      ? discoveryDocument(issuerOf(deps, userPoolId))
      : undefined;
