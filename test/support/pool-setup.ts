import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";

/** A pool and one client, created through the real SDK. */
export async function createPoolAndClient(
  admin: CognitoIdentityProviderClient,
  pool: Partial<CreateUserPoolCommandInput> = {},
  client: Partial<CreateUserPoolClientCommandInput> = {},
): Promise<{ userPoolId: string; clientId: string; clientSecret?: string }> {
  const created = await admin.send(new CreateUserPoolCommand({ PoolName: "test-pool", ...pool }));
  const userPoolId = created.UserPool?.Id ?? "";
  const app = await admin.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: "test-client",
      ExplicitAuthFlows: [
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
      ],
      ...client,
    }),
  );
  const clientId = app.UserPoolClient?.ClientId ?? "";
  const clientSecret = app.UserPoolClient?.ClientSecret;
  return clientSecret ? { userPoolId, clientId, clientSecret } : { userPoolId, clientId };
}

/** A CONFIRMED user with a permanent password, made with AdminCreateUser and NEW_PASSWORD_REQUIRED. */
export async function createConfirmedUser(
  admin: CognitoIdentityProviderClient,
  ids: { userPoolId: string; clientId: string },
  username: string,
  password: string,
  attributes: Array<{ Name: string; Value: string }> = [],
): Promise<void> {
  const temporary = "Temp-Passw0rd!x";
  await admin.send(
    new AdminCreateUserCommand({
      UserPoolId: ids.userPoolId,
      Username: username,
      TemporaryPassword: temporary,
      MessageAction: "SUPPRESS",
      UserAttributes: attributes,
    }),
  );
  const started = await admin.send(
    new AdminInitiateAuthCommand({
      UserPoolId: ids.userPoolId,
      ClientId: ids.clientId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: temporary },
    }),
  );
  if (started.ChallengeName !== "NEW_PASSWORD_REQUIRED")
    throw new Error(`expected NEW_PASSWORD_REQUIRED, got ${started.ChallengeName}`);
  await admin.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: ids.userPoolId,
      ClientId: ids.clientId,
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      Session: started.Session,
      ChallengeResponses: { USERNAME: username, NEW_PASSWORD: password },
    }),
  );
}
