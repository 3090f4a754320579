import { InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { beforeAll } from "vitest";
import { createConfirmedUser, createPoolAndClient } from "../../support/pool-setup.js";
import type { Backend } from "../../support/server.js";
import { extendSuite, useTestServer } from "../../support/suite-server.js";

export const PASSWORD = "Self-Serv1ce-Pass!";

export type Ids = { userPoolId: string; clientId: string };
export const attrs = (list: Array<{ Name?: string; Value?: string }> | undefined) =>
  Object.fromEntries((list ?? []).map((entry) => [entry.Name, entry.Value]));

/**
 * A server for the enclosing describe block with three pools: `ids` (email alias, auto-verified, a schema
 * and a password history), `byEmail` (email as the username) and `held` (email changes wait for verification).
 */
export function useSelfService(backend: Backend) {
  const ctx = useTestServer({ backend });
  let ids: Ids;
  let held: Ids;
  let byEmail: Ids;
  let counter = 0;

  async function signIn(target: Ids, username: string, password = PASSWORD) {
    const out = await ctx.cognito.send(
      new InitiateAuthCommand({
        ClientId: target.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
    return {
      access: out.AuthenticationResult?.AccessToken ?? "",
      id: out.AuthenticationResult?.IdToken ?? "",
      refresh: out.AuthenticationResult?.RefreshToken ?? "",
    };
  }

  /** A confirmed user with a verified email, signed in; returns its username, email and tokens. */
  async function newUser(target: Ids = ids, extra: Array<{ Name: string; Value: string }> = []) {
    counter += 1;
    const username = `user${counter}`;
    const email = `user${counter}@example.com`;
    await createConfirmedUser(ctx.cognito, target, username, PASSWORD, [
      { Name: "email", Value: email },
      { Name: "email_verified", Value: "true" },
      ...extra,
    ]);
    return { username, email, ...(await signIn(target, username)) };
  }

  beforeAll(async () => {
    const admin = ctx.cognito;
    const schema = [
      { Name: "email", AttributeDataType: "String" as const, Required: true, Mutable: true },
      { Name: "team", AttributeDataType: "String" as const, Mutable: true },
      { Name: "badge", AttributeDataType: "String" as const, Mutable: false },
    ];
    ids = await createPoolAndClient(admin, {
      AliasAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      Schema: schema,
      Policies: { PasswordPolicy: { MinimumLength: 10, PasswordHistorySize: 2 } },
    });
    byEmail = await createPoolAndClient(admin, {
      PoolName: "by-email",
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
    });
    held = await createPoolAndClient(admin, {
      PoolName: "held",
      AliasAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
    });
  });

  return extendSuite(ctx, {
    /** The admin SDK client (the same as `cognito`). */
    get admin() {
      return ctx.cognito;
    },
    get ids() {
      return ids;
    },
    get held() {
      return held;
    },
    get byEmail() {
      return byEmail;
    },
    signIn,
    newUser,
  });
}
