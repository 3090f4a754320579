import { InvalidParameterException } from "../../domain/errors.js";
import { summarizeUserPool, type UserPoolDescription } from "../../domain/user-pool/describe.js";
import { InvalidCursorError } from "../../ports/storage.js";
import type { AppDependencies, UseCase } from "../dependencies.js";

export interface ListUserPoolsInput {
  MaxResults: number;
  NextToken?: string;
}
export interface ListUserPoolsOutput {
  UserPools: UserPoolDescription[];
  NextToken?: string;
}

// NextToken is the storage cursor sealed with the master key: opaque to callers, and a token that was
// not issued here (forged, edited, or from another deployment) fails to open and is refused.
const NEXT_TOKEN_PURPOSE = "cognito-idp:ListUserPools:NextToken";
const MAX_RESULTS = 60;

function checkMaxResults(value: unknown): number {
  const violation = (shown: string, constraint: string) =>
    new InvalidParameterException(
      `1 validation error detected: Value ${shown} at 'maxResults' failed to satisfy constraint: ${constraint}`,
    );
  if (typeof value !== "number" || !Number.isInteger(value))
    throw violation("null", "Member must not be null");
  if (value < 1) throw violation(`'${value}'`, "Member must have value greater than or equal to 1");
  if (value > MAX_RESULTS)
    throw violation(`'${value}'`, `Member must have value less than or equal to ${MAX_RESULTS}`);
  return value;
}

export const listUserPools =
  (deps: Pick<AppDependencies, "storage" | "secretBox">): UseCase<ListUserPoolsInput, ListUserPoolsOutput> =>
  async (context, input) => {
    const limit = checkMaxResults(input.MaxResults);
    // Cognito's wording for a pagination marker it did not issue.
    const invalidToken = () =>
      new InvalidParameterException(
        `Paging marker ${input.NextToken} is invalid for request ${context.requestId}`,
      );
    let cursor: string | undefined;
    if (input.NextToken !== undefined) {
      try {
        cursor = deps.secretBox.open(input.NextToken, NEXT_TOKEN_PURPOSE);
      } catch {
        throw invalidToken();
      }
    }
    let page: Awaited<ReturnType<typeof deps.storage.userPools.listUserPools>>;
    try {
      page = await deps.storage.userPools.listUserPools(cursor === undefined ? { limit } : { limit, cursor });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw invalidToken();
      throw error;
    }
    const output: ListUserPoolsOutput = { UserPools: page.items.map(summarizeUserPool) };
    if (page.nextCursor !== undefined)
      output.NextToken = deps.secretBox.seal(page.nextCursor, NEXT_TOKEN_PURPOSE);
    return output;
  };
