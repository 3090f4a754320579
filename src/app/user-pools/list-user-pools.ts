import { InvalidParameterException } from "../../domain/errors.js";
import { summarizeUserPool, type UserPoolDescription } from "../../domain/user-pool/describe.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { readPage } from "./page-token.js";

export interface ListUserPoolsInput {
  MaxResults: number;
  NextToken?: string;
}
export interface ListUserPoolsOutput {
  UserPools: UserPoolDescription[];
  NextToken?: string;
}

// NextToken is the storage cursor sealed with the master key (see page-token.ts).
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
    const page = await readPage(
      deps.secretBox,
      { purpose: NEXT_TOKEN_PURPOSE, limit, nextToken: input.NextToken, requestId: context.requestId },
      (request) => deps.storage.userPools.listUserPools(request),
    );
    const output: ListUserPoolsOutput = { UserPools: page.items.map(summarizeUserPool) };
    if (page.nextToken !== undefined) output.NextToken = page.nextToken;
    return output;
  };
