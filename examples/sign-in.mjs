// Signs a user in to the loyalty app's mobile client with the AWS SDK for JavaScript v3, exactly as the
// app would against Amazon Cognito: only the endpoint differs.
//   node examples/sign-in.mjs alice@example.com 'Corr3ct-Horse-Battery'
// COGNATE_ENDPOINT (default http://localhost:9229) and COGNATE_CLIENT_ID (default: the loyalty-mobile
// client id pinned in examples/loyalty-app.yaml) point it elsewhere.
import {
  CognitoIdentityProviderClient,
  GetUserCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";

const [username, password] = process.argv.slice(2);
if (!username || !password) {
  console.error("usage: node examples/sign-in.mjs USERNAME PASSWORD");
  process.exit(2);
}
const endpoint = process.env.COGNATE_ENDPOINT ?? "http://localhost:9229";
const clientId = process.env.COGNATE_CLIENT_ID ?? "loyaltymobile0000000000001";

// Public calls (InitiateAuth, GetUser) are not signed, so any credentials do.
const cognito = new CognitoIdentityProviderClient({
  region: "us-east-1",
  endpoint,
  credentials: { accessKeyId: "unused", secretAccessKey: "unused" },
});

try {
  const signedIn = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  const tokens = signedIn.AuthenticationResult;
  if (!tokens?.AccessToken || !tokens.IdToken) {
    console.error(`Sign-in needs another step: ${signedIn.ChallengeName}`);
    process.exit(1);
  }
  const me = await cognito.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
  const claims = JSON.parse(Buffer.from(tokens.IdToken.split(".")[1], "base64url").toString("utf8"));
  console.log(`Signed in as ${claims.email ?? me.Username} (sub ${claims.sub})`);
  console.log(`ID token issued by ${claims.iss}, expires ${new Date(claims.exp * 1000).toISOString()}`);
} catch (error) {
  console.error(`Sign-in failed: ${error.name}: ${error.message}`);
  process.exit(1);
}
