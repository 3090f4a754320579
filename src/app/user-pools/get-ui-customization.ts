import { userPoolClientNotFound } from "../../domain/user-pool-client/user-pool-client.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import {
  ALL_CLIENTS,
  describeUiCustomization,
  effectiveUiCustomization,
  type UiCustomizationDescription,
} from "../hosted-ui/ui-customization.js";
import { findUserPoolOrThrow } from "./user-pool-client-support.js";

export interface GetUICustomizationInput {
  UserPoolId: string;
  ClientId?: string;
}

// GetUICustomization: the client's own branding, else the pool's ("ALL"); with neither, only the ids.
// Unknown pool, then unknown client: ResourceNotFoundException.

export const getUICustomization =
  (
    deps: Pick<AppDependencies, "storage" | "deployment">,
  ): UseCase<GetUICustomizationInput, { UICustomization: UiCustomizationDescription }> =>
  async (_context, input) => {
    const pool = await findUserPoolOrThrow(deps.storage, input.UserPoolId);
    const clientKey = input.ClientId ?? ALL_CLIENTS;
    if (clientKey !== ALL_CLIENTS) {
      const client = await deps.storage.userPoolClients.findClient(pool.id, clientKey);
      if (!client) throw userPoolClientNotFound(clientKey);
    }
    const found = await effectiveUiCustomization(deps.storage, pool.id, clientKey);
    return {
      UICustomization: found
        ? describeUiCustomization(found, deps.deployment.publicUrl)
        : { UserPoolId: pool.id, ClientId: clientKey },
    };
  };
