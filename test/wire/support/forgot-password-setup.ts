import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { beforeAll } from "vitest";
import { createPoolAndClient } from "../../support/pool-setup.js";
import type { Backend } from "../../support/server.js";
import { extendSuite, useTestServer } from "../../support/suite-server.js";

export const PASSWORD = "Forgot-Passw0rd!";
export const NEW_PASSWORD = "Rem3mbered-Now!";

export type Ids = { userPoolId: string; clientId: string; clientSecret?: string };

/**
 * A server for the enclosing describe block with three pools: `legacy` (no AccountRecoverySetting, email
 * alias), `emailFirst` (verified email before phone) and `adminOnly` (admin_only recovery).
 */
export function useForgotPassword(backend: Backend) {
  const ctx = useTestServer({ backend });
  let legacy: Ids;
  let emailFirst: Ids;
  let adminOnly: Ids;
  let counter = 0;

  const signIn = (target: Ids, username: string, password: string) =>
    ctx.cognito.send(
      new InitiateAuthCommand({
        ClientId: target.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );

  /** A CONFIRMED user with the given contacts (verified unless told otherwise). */
  async function newUser(target: Ids, contacts: { email?: boolean; phone?: boolean; verified?: boolean }) {
    counter += 1;
    const username = `reset${counter}`;
    const email = `reset${counter}@example.com`;
    const phone = `+1555000${String(1000 + counter)}`;
    const verified = String(contacts.verified ?? true);
    const attributes = [
      ...(contacts.email
        ? [
            { Name: "email", Value: email },
            { Name: "email_verified", Value: verified },
          ]
        : []),
      ...(contacts.phone
        ? [
            { Name: "phone_number", Value: phone },
            { Name: "phone_number_verified", Value: verified },
          ]
        : []),
    ];
    await ctx.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: target.userPoolId,
        Username: username,
        MessageAction: "SUPPRESS",
        UserAttributes: attributes,
      }),
    );
    await ctx.cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: target.userPoolId,
        Username: username,
        Password: PASSWORD,
        Permanent: true,
      }),
    );
    return { username, email, phone };
  }

  beforeAll(async () => {
    legacy = await createPoolAndClient(ctx.cognito, {
      AliasAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
    });
    emailFirst = await createPoolAndClient(ctx.cognito, {
      AccountRecoverySetting: {
        RecoveryMechanisms: [
          { Name: "verified_email", Priority: 1 },
          { Name: "verified_phone_number", Priority: 2 },
        ],
      },
    });
    adminOnly = await createPoolAndClient(ctx.cognito, {
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "admin_only", Priority: 1 }] },
    });
  });

  return extendSuite(ctx, {
    /** The admin SDK client (the same as `cognito`). */
    get admin() {
      return ctx.cognito;
    },
    get legacy() {
      return legacy;
    },
    get emailFirst() {
      return emailFirst;
    },
    get adminOnly() {
      return adminOnly;
    },
    signIn,
    newUser,
  });
}
