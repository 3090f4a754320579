import { InvalidParameterException } from "../../domain/errors.js";
import { MAX_PASSKEYS_PER_USER } from "../../domain/passwordless/passkey.js";
import type { AppDependencies, UseCase } from "../dependencies.js";
import { type PasskeyView, passkeyView } from "../passwordless/passkey-view.js";
import { requireSignedInUser } from "../users/signed-in-user.js";
import { readPage } from "./page-token.js";

export interface ListWebAuthnCredentialsInput {
  AccessToken: string;
  NextToken?: string;
  MaxResults?: number;
}
export interface ListWebAuthnCredentialsOutput {
  Credentials: PasskeyView[];
  NextToken?: string;
}

/** The signed-in user's passkeys, oldest first; MaxResults 0–20 (0 or absent: 20). */
export const listWebAuthnCredentials =
  (
    deps: Pick<AppDependencies, "storage" | "tokens" | "secretBox">,
  ): UseCase<ListWebAuthnCredentialsInput, ListWebAuthnCredentialsOutput> =>
  async (context, input) => {
    const signedIn = await requireSignedInUser(deps, input.AccessToken);
    const max = input.MaxResults;
    if (max !== undefined && (!Number.isInteger(max) || max < 0 || max > MAX_PASSKEYS_PER_USER)) {
      throw new InvalidParameterException(`MaxResults must be between 0 and ${MAX_PASSKEYS_PER_USER}.`);
    }
    const { pool, user } = signedIn;
    const page = await readPage(
      deps.secretBox,
      {
        purpose: `cognito-idp:ListWebAuthnCredentials:NextToken:${pool.id}:${user.sub}`,
        limit: max || MAX_PASSKEYS_PER_USER,
        nextToken: input.NextToken,
        requestId: context.requestId,
      },
      (request) => deps.storage.passkeys.listPasskeysOfUser(pool.id, user.sub, request),
    );
    const output: ListWebAuthnCredentialsOutput = { Credentials: page.items.map(passkeyView) };
    if (page.nextToken !== undefined) output.NextToken = page.nextToken;
    return output;
  };
