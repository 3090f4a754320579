import { InvalidParameterException } from "../../domain/errors.js";
import { summarizeClient } from "../../domain/user-pool-client/client-description.js";
import { constraintViolation } from "../../domain/user-pool-client/constraint-message.js";
import { InvalidCursorError } from "../../ports/storage.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { findUserPoolOrThrow } from "./user-pool-client-support.js";

export interface ListUserPoolClientsInput {
  UserPoolId: string;
  MaxResults?: number;
  NextToken?: string;
  /** REGULAR or DCR; every Cognate client is REGULAR. */
  ClientType?: string;
}

export interface ListUserPoolClientsOutput {
  UserPoolClients: { ClientId: string; UserPoolId: string; ClientName: string }[];
  NextToken?: string;
}

const MAX_PAGE = 60;

export const listUserPoolClients =
  (deps: Pick<AppDependencies, "storage">): UseCase<ListUserPoolClientsInput, ListUserPoolClientsOutput> =>
  async (context, input) => {
    await findUserPoolOrThrow(deps.storage, input.UserPoolId);
    const limit = input.MaxResults ?? MAX_PAGE;
    if (!Number.isInteger(limit) || limit < 1) {
      throw constraintViolation("maxResults", limit, "Member must have value greater than or equal to 1");
    }
    if (limit > MAX_PAGE) {
      throw constraintViolation("maxResults", limit, "Member must have value less than or equal to 60");
    }
    // Dynamic client registration does not exist here, so a DCR filter matches nothing.
    if (input.ClientType === "DCR") return { UserPoolClients: [] };
    try {
      const page = await deps.storage.userPoolClients.listClients(input.UserPoolId, {
        limit,
        cursor: input.NextToken ?? undefined,
      });
      const output: ListUserPoolClientsOutput = { UserPoolClients: page.items.map(summarizeClient) };
      if (page.nextCursor !== undefined) output.NextToken = page.nextCursor;
      return output;
    } catch (error) {
      // Cognito's wording for a NextToken it did not issue (the same as ListUserPools).
      if (error instanceof InvalidCursorError) {
        throw new InvalidParameterException(
          `Paging marker ${input.NextToken} is invalid for request ${context.requestId}`,
        );
      }
      throw error;
    }
  };
