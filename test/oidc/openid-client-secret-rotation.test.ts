import {
  AddUserPoolClientSecretCommand,
  DeleteUserPoolClientSecretCommand,
  ListUserPoolClientSecretsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { decodeJwt } from "./oauth2-setup.js";
import { useOpenIdProvider } from "./openid-client-setup.js";

// The token endpoint remembers a digest of each stored client secret (app/user-pools/client-secrets.ts).
// Driven by openid-client across a rotation: the endpoint must follow the secrets as they are added and
// deleted, accepting exactly the active ones, however often it has checked them before.

const backends = await testBackends();

describe.each(backends)("client secret rotation at the token endpoint on %s", (backend) => {
  const ctx = useOpenIdProvider(backend);

  const grantWith = async (secret: string) => {
    const config = await ctx.discover(ctx.fixture.m2m.clientId, client.ClientSecretBasic(secret));
    const granted = await client.clientCredentialsGrant(config, { scope: "orders/read" });
    const claims = decodeJwt(granted.access_token);
    return `${claims.client_id} ${claims.scope}`;
  };
  // invalid_client over Basic is a 401 with a Basic challenge (RFC 6749 §5.2), which openid-client raises.
  const refusedWith = (secret: string) =>
    expect(grantWith(secret)).rejects.toMatchObject({
      code: "OAUTH_WWW_AUTHENTICATE_CHALLENGE",
      status: 401,
      cause: [{ scheme: "basic" }],
    });

  it("accepts both secrets during a rotation and refuses the first once it is deleted", async () => {
    const admin = ctx.server.adminClient();
    const ids = { UserPoolId: ctx.fixture.userPoolId, ClientId: ctx.fixture.m2m.clientId };
    const first = ctx.fixture.m2m.clientSecret;
    const [firstEntry] = (await admin.send(new ListUserPoolClientSecretsCommand(ids))).ClientSecrets ?? [];

    const granted = `${ctx.fixture.m2m.clientId} orders/read`;
    expect(await grantWith(first)).toBe(granted);
    expect(await grantWith(first)).toBe(granted);
    await refusedWith(`${first}x`);

    const added = (await admin.send(new AddUserPoolClientSecretCommand(ids))).ClientSecretDescriptor;
    const second = added?.ClientSecretValue ?? "";
    expect(second).toMatch(/^[a-z0-9]{51}$/);
    expect(await grantWith(second)).toBe(granted);
    expect(await grantWith(first)).toBe(granted);

    await admin.send(
      new DeleteUserPoolClientSecretCommand({ ...ids, ClientSecretId: firstEntry?.ClientSecretId ?? "" }),
    );
    await refusedWith(first);
    expect(await grantWith(second)).toBe(granted);
  });
});
