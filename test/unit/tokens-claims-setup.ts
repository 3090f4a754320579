import { afterAll, beforeAll } from "vitest";
import { type TokenFixture, tokenFixture } from "./tokens-fixture.js";

export const ADMIN_SCOPE = "aws.cognito.signin.user.admin";
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A token fixture for the tests of the file (or describe block): `f` is filled in before they run and closed
 * after; `signIn` issues tokens for a new client and user.
 */
export function useMintedTokens() {
  const f = {} as TokenFixture;
  beforeAll(async () => {
    Object.assign(f, await tokenFixture());
  });
  afterAll(async () => {
    await f.close();
  });

  const issuer = () => `${f.url}/${f.pool.id}`;
  const jwksUri = () => `${issuer()}/.well-known/jwks.json`;

  async function signIn(options: { attributes?: Record<string, string>; readAttributes?: string[] } = {}) {
    const client = await f.addClient(
      options.readAttributes ? { ReadAttributes: options.readAttributes } : {},
    );
    const user = await f.addUser(options.attributes ?? { email: "jane@example.com", email_verified: "true" });
    const authTime = new Date(f.clock.now().getTime() - 10_000);
    const result = await f.tokens.issueTokens({
      user,
      pool: f.pool,
      client,
      groups: await f.storage.groups.groupsOfUser(f.pool.id, user.sub),
      scopes: [ADMIN_SCOPE],
      authTime,
      withRefreshToken: true,
    });
    return { client, user, authTime, result };
  }

  return { f, issuer, jwksUri, signIn };
}
