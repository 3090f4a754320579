import {
  type CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  type ExplicitAuthFlowsType,
  InitiateAuthCommand,
  UpdateUserPoolClientCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { beforeAll, describe, expect, it } from "vitest";
import { createConfirmedUser, createPoolAndClient } from "../support/pool-setup.js";
import { testBackends } from "../support/server.js";
import { useTestServer } from "../support/suite-server.js";

const backends = await testBackends();
const PASSWORD = "Cache-Passw0rd!1";
const BOTH_FLOWS = [
  "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  "ALLOW_USER_PASSWORD_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
] as const;

// Pool and client reads are served from memory (storage/kysely/read-cache.ts); concurrent misses share one
// load. These tests hit one client with many parallel requests around its updates: a request sent after
// an update has returned must never see the configuration from before it.
describe.each(backends)("cached client reads stay current on %s", (backend) => {
  const ctx = useTestServer({ backend });
  let ids: { userPoolId: string; clientId: string };
  let admin: CognitoIdentityProviderClient;

  beforeAll(async () => {
    admin = ctx.cognito;
    ids = await createPoolAndClient(
      admin,
      {},
      { ExplicitAuthFlows: [...BOTH_FLOWS], AccessTokenValidity: 1 },
    );
    await createConfirmedUser(admin, ids, "cached", PASSWORD);
  });

  const describeMany = (count: number) =>
    Promise.all(
      Array.from({ length: count }, () =>
        admin.send(new DescribeUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientId: ids.clientId })),
      ),
    );
  const update = (AccessTokenValidity: number, flows: readonly ExplicitAuthFlowsType[] = BOTH_FLOWS) =>
    admin.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: ids.userPoolId,
        ClientId: ids.clientId,
        AccessTokenValidity,
        ExplicitAuthFlows: [...flows],
      }),
    );
  const signInMany = (count: number) =>
    Promise.allSettled(
      Array.from({ length: count }, () =>
        admin.send(
          new InitiateAuthCommand({
            ClientId: ids.clientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "cached", PASSWORD },
          }),
        ),
      ),
    );

  it("DescribeUserPoolClient calls sent after each update all return it, even with reads in flight during it", async () => {
    const warm = await describeMany(20);
    expect(warm.map((out) => out.UserPoolClient?.AccessTokenValidity)).toEqual(warm.map(() => 1));

    for (const hours of [2, 3, 4, 5, 6]) {
      // Reads racing the write may see either value, but must not leave the old one cached.
      const racing = describeMany(15);
      const updated = await update(hours);
      expect(updated.UserPoolClient?.AccessTokenValidity).toBe(hours);
      const after = await describeMany(25);
      expect(after.map((out) => out.UserPoolClient?.AccessTokenValidity)).toEqual(after.map(() => hours));
      const raced = (await racing).map((out) => out.UserPoolClient?.AccessTokenValidity);
      expect(raced.filter((value) => value !== hours && value !== hours - 1)).toEqual([]);
    }
  });

  it("parallel sign-ins follow ExplicitAuthFlows as soon as UpdateUserPoolClient returns", async () => {
    const before = await signInMany(6);
    expect(before.map((result) => result.status)).toEqual(before.map(() => "fulfilled"));

    await update(1, ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
    const refused = await signInMany(12);
    expect(
      refused.map((result) =>
        result.status === "rejected" ? `${result.reason.name}: ${result.reason.message}` : "signed in",
      ),
    ).toEqual(
      refused.map(() => "InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client"),
    );

    await update(1, BOTH_FLOWS);
    const allowed = await signInMany(6);
    const tokens = allowed.map((result) =>
      result.status === "fulfilled" ? result.value.AuthenticationResult?.ExpiresIn : result.reason.name,
    );
    // ExpiresIn follows the updated AccessTokenValidity (1 hour) on every answer.
    expect(tokens).toEqual(tokens.map(() => 3600));
  });
});
