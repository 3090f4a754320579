import {
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll } from "vitest";
import { createPoolAndClient } from "../../support/pool-setup.js";
import { type Backend, startTestServer, type TestServer } from "../../support/server.js";
import { type RecordingWebhook, startRecordingWebhook } from "./webhooks.js";

// Shared by the action-source suites: a server, a recording webhook signed with SECRET, pools whose
// triggers point at it, and the envelope and message request every expected event starts from.

export const SECRET = "action-sources-secret-0123456789";
export const PASSWORD = "Corr3ct-Horse-Battery!";
export const NEW_PASSWORD = "N3w-Horse-Battery-Staple!";
export const NULL_MESSAGE = { smsMessage: null, emailMessage: null, emailSubject: null };

export const envelope = (triggerSource: string, userPoolId: string, userName: string, clientId?: string) => ({
  version: "1",
  triggerSource,
  region: "us-east-1",
  userPoolId,
  userName,
  callerContext: {
    awsSdkVersion: "aws-sdk-unknown-unknown",
    clientId: clientId ?? "CLIENT_ID_NOT_APPLICABLE",
  },
});

export const messageRequest = (
  userAttributes: Record<string, string>,
  clientMetadata: Record<string, string>,
) => ({
  userAttributes,
  codeParameter: "{####}",
  linkParameter: "{##Click Here##}",
  usernameParameter: null,
  clientMetadata,
});

export function claimsOf(jwt: string | undefined): Record<string, unknown> {
  const payload = (jwt ?? "").split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
}

export interface ActionHarness {
  readonly server: TestServer;
  readonly admin: CognitoIdentityProviderClient;
  readonly hook: RecordingWebhook;
  pool(
    lambdaConfig: Record<string, unknown>,
    client?: Record<string, unknown>,
  ): Promise<{ userPoolId: string; clientId: string }>;
  // biome-ignore lint/suspicious/noExplicitAny: events are asserted field by field against Cognito's shapes.
  last(source: string): any;
  subOf(userPoolId: string, username: string): Promise<string>;
  signIn(clientId: string, username: string, password: string): Promise<InitiateAuthCommandOutput>;
}

/** Starts the server and webhook for the enclosing describe block (and stops them after it). */
export function actionHarness(backend: Backend): ActionHarness {
  let server: TestServer | undefined;
  let hook: RecordingWebhook | undefined;
  beforeAll(async () => {
    server = await startTestServer({ backend, env: { COGNATE_WEBHOOK_ALLOW_PRIVATE: "true" } });
    hook = await startRecordingWebhook(SECRET);
  });
  afterAll(async () => {
    await server?.stop();
    await hook?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the harness is not started");
    return value;
  };
  const harness: ActionHarness = {
    get server() {
      return started(server);
    },
    get admin() {
      return started(server).adminClient();
    },
    get hook() {
      return started(hook);
    },
    pool: (lambdaConfig, client = {}) =>
      createPoolAndClient(
        harness.admin,
        {
          LambdaConfig: lambdaConfig,
          UserPoolTags: { "cognate:trigger-secret": SECRET },
          AutoVerifiedAttributes: ["email"],
        },
        client,
      ),
    last: (source) => harness.hook.events(source).at(-1),
    async subOf(userPoolId, username) {
      const user = await harness.admin.send(
        new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }),
      );
      return user.UserAttributes?.find((attribute) => attribute.Name === "sub")?.Value ?? "";
    },
    signIn: (clientId, username, password) =>
      harness.admin.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      ),
  };
  return harness;
}
