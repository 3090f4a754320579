// A UserMigration trigger that moves users from an Amazon Cognito user pool into Cognate one at a time,
// at their first sign-in (or forgotten-password request), with their password: nobody resets anything.
//
// Cognate runs it as the pool's UserMigration trigger:
//   LambdaConfig: { UserMigration: arn:aws:lambda:us-east-1:000000000000:function:cognito-migration }
//   COGNATE_TRIGGERS_DIR=examples/triggers/cognito-migration
// and it is configured by variables in cognito-migration.lambda.json beside it (Cognate gives trigger
// code no other environment; see docs/triggers.md), or createCognitoMigrationHandler's options:
//   COGNITO_MIGRATION_USER_POOL_ID  the old pool, e.g. eu-west-1_AbCdEf123
//   COGNITO_MIGRATION_CLIENT_ID     an app client of the old pool with ALLOW_USER_PASSWORD_AUTH
//   COGNITO_MIGRATION_CLIENT_SECRET its secret, if it has one
//   COGNITO_MIGRATION_REGION        default: the region in the pool id
//   COGNITO_MIGRATION_ENDPOINT      default: AWS's (set it to test against another Cognate)
//   AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY of credentials allowed
//   cognito-idp:AdminGetUser on the old pool; only needed for forgotten passwords and for users whose
//   sign-in on the old pool ends in a challenge (MFA, NEW_PASSWORD_REQUIRED).
//
// UserMigration_Authentication: the password is checked by signing in to the old pool (USER_PASSWORD_AUTH);
// a wrong password or an unknown user fails the trigger, so the sign-in fails as it would have. The user's
// attributes come from GetUser (or AdminGetUser) and are copied except `sub`, which Cognate assigns.
// UserMigration_ForgotPassword: the user is looked up with AdminGetUser and migrated in RESET_REQUIRED, so
// the reset code goes out as usual.
import { createHmac } from "node:crypto";
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  GetUserCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";

const NOT_COPIED = new Set(["sub"]);

function attributesOf(list) {
  const attributes = {};
  for (const { Name, Value } of list ?? []) {
    if (!NOT_COPIED.has(Name) && Value !== undefined) attributes[Name] = Value;
  }
  return attributes;
}

export function createCognitoMigrationHandler(options = {}) {
  const userPoolId = options.userPoolId ?? process.env.COGNITO_MIGRATION_USER_POOL_ID;
  const clientId = options.clientId ?? process.env.COGNITO_MIGRATION_CLIENT_ID;
  const clientSecret = options.clientSecret ?? process.env.COGNITO_MIGRATION_CLIENT_SECRET;
  const region = options.region ?? process.env.COGNITO_MIGRATION_REGION ?? userPoolId?.split("_")[0];
  const endpoint = options.endpoint ?? process.env.COGNITO_MIGRATION_ENDPOINT;
  if (!userPoolId || !clientId) {
    throw new Error("cognito-migration: set COGNITO_MIGRATION_USER_POOL_ID and COGNITO_MIGRATION_CLIENT_ID");
  }
  const cognito = new CognitoIdentityProviderClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 2,
  });
  const secretHash = (username) =>
    clientSecret
      ? createHmac("sha256", clientSecret)
          .update(username + clientId)
          .digest("base64")
      : undefined;

  async function adminAttributes(username) {
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    return attributesOf(user.UserAttributes);
  }

  async function authenticate(event) {
    let signedIn;
    try {
      const hash = secretHash(event.userName);
      signedIn = await cognito.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: clientId,
          AuthParameters: {
            USERNAME: event.userName,
            PASSWORD: event.request.password,
            ...(hash ? { SECRET_HASH: hash } : {}),
          },
        }),
      );
    } catch (error) {
      if (error.name === "NotAuthorizedException" || error.name === "UserNotFoundException") {
        throw new Error("Bad password");
      }
      throw error;
    }
    const token = signedIn.AuthenticationResult?.AccessToken;
    const attributes = token
      ? attributesOf((await cognito.send(new GetUserCommand({ AccessToken: token }))).UserAttributes)
      : await adminAttributes(event.userName);
    return {
      userAttributes: attributes,
      // The password was right; a user the old pool still asks for a new password resets it here.
      finalUserStatus: signedIn.ChallengeName === "NEW_PASSWORD_REQUIRED" ? "RESET_REQUIRED" : "CONFIRMED",
      messageAction: "SUPPRESS",
    };
  }

  async function forgotPassword(event) {
    try {
      return { userAttributes: await adminAttributes(event.userName), messageAction: "SUPPRESS" };
    } catch (error) {
      if (error.name === "UserNotFoundException") throw new Error("Bad username");
      throw error;
    }
  }

  return async (event) => {
    if (event.triggerSource === "UserMigration_Authentication") event.response = await authenticate(event);
    else if (event.triggerSource === "UserMigration_ForgotPassword")
      event.response = await forgotPassword(event);
    return event;
  };
}

let configured;
export const handler = async (event) => {
  configured ??= createCognitoMigrationHandler();
  return configured(event);
};
