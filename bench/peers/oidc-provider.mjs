// Starts node-oidc-provider (from npm) on $PORT with a minimal configuration: one confidential client
// that may use client_credentials and refresh_token, RS256 JWT access tokens for one resource server (the
// token shape Cognito issues, so both sides sign one JWT per client_credentials grant), refresh tokens
// not rotated (as Cognate's default). It mints $REFRESH_TOKENS refresh tokens for the refresh grant and
// prints them as one JSON line, since obtaining them through the browser flow is not what is measured.
// Run pinned by bench/run.ts.
import { generateKeyPairSync } from "node:crypto";
import Provider from "oidc-provider";

const port = Number(process.env.PORT);
const clientId = process.env.CLIENT_ID ?? "bench-client";
const clientSecret = process.env.CLIENT_SECRET ?? "bench-secret";
const resource = "urn:bench:api";
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ["client_credentials", "refresh_token", "authorization_code"],
      response_types: ["code"],
      redirect_uris: ["http://127.0.0.1/callback"],
      scope: "openid offline_access api:read",
    },
  ],
  jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "bench", alg: "RS256", use: "sig" }] },
  scopes: ["openid", "offline_access", "api:read"],
  routes: { token: "/oauth2/token" },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: "api:read",
        audience: resource,
        accessTokenFormat: "jwt",
        jwt: { sign: { alg: "RS256" } },
      }),
    },
  },
  rotateRefreshToken: false,
  ttl: { AccessToken: 3600, ClientCredentials: 3600, IdToken: 3600, Grant: 86_400, RefreshToken: 86_400 },
  findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
});

async function mintRefreshTokens(count) {
  const client = await provider.Client.find(clientId);
  const tokens = [];
  for (let i = 0; i < count; i++) {
    const accountId = `bench-user-${i}`;
    const grant = new provider.Grant({ accountId, clientId });
    grant.addOIDCScope("openid offline_access");
    grant.addResourceScope(resource, "api:read");
    const grantId = await grant.save();
    const token = new provider.RefreshToken({
      client,
      accountId,
      grantId,
      gty: "authorization_code",
      scope: "openid offline_access api:read",
      resource,
      authTime: Math.floor(Date.now() / 1000),
      sessionUid: `session-${i}`,
      expiresWithSession: false,
    });
    tokens.push(await token.save());
  }
  return tokens;
}

await new Promise((resolve) => provider.listen(port, "127.0.0.1", resolve));
const tokens = await mintRefreshTokens(Number(process.env.REFRESH_TOKENS ?? 16));
process.stdout.write(`BENCH-READY ${JSON.stringify({ refreshTokens: tokens })}\n`);
process.on("SIGTERM", () => process.exit(0));
