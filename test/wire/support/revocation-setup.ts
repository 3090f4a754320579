import {
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  type ExplicitAuthFlowsType,
  GetUserCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { beforeAll, expect } from "vitest";
import { createConfirmedUser, createPoolAndClient } from "../../support/pool-setup.js";
import type { Backend } from "../../support/server.js";
import { extendSuite, useTestServer } from "../../support/suite-server.js";

export const PASSWORD = "Rev0cation-Pass!";
const FLOWS: ExplicitAuthFlowsType[] = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];

export interface Session {
  access: string;
  refresh: string;
  clientId: string;
}

/** Helpers bound to one server and pool. */
export function sessions(admin: CognitoIdentityProviderClient) {
  async function signIn(clientId: string, username: string, password = PASSWORD): Promise<Session> {
    const out = await admin.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
    return {
      access: out.AuthenticationResult?.AccessToken ?? "",
      refresh: out.AuthenticationResult?.RefreshToken ?? "",
      clientId,
    };
  }
  const refreshAuth = (session: Session) =>
    admin.send(
      new InitiateAuthCommand({
        ClientId: session.clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: session.refresh },
      }),
    );
  /** The refresh token and the access token both work. */
  async function expectAlive(session: Session) {
    expect((await refreshAuth(session)).AuthenticationResult?.AccessToken).toBeTruthy();
    expect((await admin.send(new GetUserCommand({ AccessToken: session.access }))).Username).toBeTruthy();
  }
  /** Neither works: REFRESH_TOKEN_AUTH and GetUser both answer NotAuthorizedException. */
  async function expectDead(session: Session) {
    await expect(refreshAuth(session)).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Refresh Token has been revoked",
    });
    await expect(admin.send(new GetUserCommand({ AccessToken: session.access }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Access Token has been revoked",
    });
  }
  return { signIn, refreshAuth, expectAlive, expectDead };
}

/** A server for the enclosing describe block, a pool whose email is auto-verified, and its first client. */
export function useRevocation(backend: Backend) {
  const ctx = useTestServer({ backend });
  let ids: { userPoolId: string; clientId: string };
  let helpers: ReturnType<typeof sessions>;
  let counter = 0;

  async function newClient(settings: Partial<CreateUserPoolClientCommandInput> = {}) {
    const out = await ctx.cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: ids.userPoolId,
        ClientName: `client-${counter++}`,
        ExplicitAuthFlows: FLOWS,
        ...settings,
      }),
    );
    return { clientId: out.UserPoolClient?.ClientId ?? "", secret: out.UserPoolClient?.ClientSecret };
  }

  async function newUser() {
    counter += 1;
    const username = `rev${counter}`;
    const email = `rev${counter}@example.com`;
    await createConfirmedUser(ctx.cognito, ids, username, PASSWORD, [
      { Name: "email", Value: email },
      { Name: "email_verified", Value: "true" },
    ]);
    return { username, email };
  }

  beforeAll(async () => {
    ids = await createPoolAndClient(ctx.cognito, { AutoVerifiedAttributes: ["email"] });
    helpers = sessions(ctx.cognito);
  });

  return extendSuite(ctx, {
    /** The admin SDK client (the same as `cognito`). */
    get admin() {
      return ctx.cognito;
    },
    get ids() {
      return ids;
    },
    get helpers() {
      return helpers;
    },
    newClient,
    newUser,
  });
}
