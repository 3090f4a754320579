import {
  type CognitoIdentityProviderClient,
  CompleteWebAuthnRegistrationCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolDomainCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { createPasswordlessPool, signedInUser, USER_AUTH_FLOWS } from "./support.js";

// Every documented failure of the passkey actions, through the AWS SDK. Where a failure comes before any
// signature check (challenge, client, origin), a hand-made RegistrationResponseJSON is enough.

const backends = await testBackends();

/** A registration response whose clientDataJSON says `challenge` and `origin` (no valid attestation). */
function forged(challenge: string, origin: string): Record<string, unknown> {
  const clientData = { type: "webauthn.create", challenge, origin, crossOrigin: false };
  return {
    id: "Zm9yZ2Vk",
    rawId: "Zm9yZ2Vk",
    type: "public-key",
    clientExtensionResults: {},
    response: {
      clientDataJSON: Buffer.from(JSON.stringify(clientData)).toString("base64url"),
      attestationObject: "o2NmbXRkbm9uZQ",
      transports: ["internal"],
    },
  };
}

describe.each(backends)("passkey action errors on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let ids: { userPoolId: string; clientId: string };
  let token: string;

  const start = async (accessToken = token) => {
    const started = await admin.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
    return started.CredentialCreationOptions as { challenge: string; rp: { id: string } };
  };
  const complete = (credential: unknown, accessToken = token) =>
    admin.send(
      new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: credential as never }),
    );

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    ids = await createPasswordlessPool(admin);
    token = await signedInUser(admin, ids, "eve", "Passw0rd!eve");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a pool without passkeys, and one without a relying party", async () => {
    const off = await createPoolAndClient(admin, {}, { ExplicitAuthFlows: USER_AUTH_FLOWS });
    const offToken = await signedInUser(admin, off, "olga", "Passw0rd!olga");
    await expect(start(offToken)).rejects.toMatchObject({ name: "WebAuthnNotEnabledException" });

    const noRp = await createPoolAndClient(
      admin,
      { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } } },
      { ExplicitAuthFlows: USER_AUTH_FLOWS },
    );
    const noRpToken = await signedInUser(admin, noRp, "nora", "Passw0rd!nora");
    await expect(start(noRpToken)).rejects.toMatchObject({ name: "WebAuthnConfigurationMissingException" });

    // With a prefix domain and no RelyingPartyId, the domain's host name is the RP id.
    const prefix = `passkeys-${backend}`;
    await admin.send(new CreateUserPoolDomainCommand({ UserPoolId: noRp.userPoolId, Domain: prefix }));
    expect((await start(noRpToken)).rp.id).toBe(`${prefix}.auth.localhost`);
    // RelyingPartyId wins over the domain.
    await admin.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: noRp.userPoolId,
        WebAuthnConfiguration: { RelyingPartyId: "example.com" },
      }),
    );
    expect((await start(noRpToken)).rp.id).toBe("example.com");
  });

  it("binds the challenge to the user and the app client, once, from an allowed origin", async () => {
    // A challenge never issued.
    await expect(complete(forged("bmV2ZXItaXNzdWVk", "http://localhost:1"))).rejects.toMatchObject({
      name: "WebAuthnChallengeNotFoundException",
    });

    // Issued through one client, completed with a token of another.
    const other = await admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: ids.userPoolId,
        ClientName: "other",
        ExplicitAuthFlows: USER_AUTH_FLOWS,
      }),
    );
    const otherToken = (
      await admin.send(
        new InitiateAuthCommand({
          ClientId: other.UserPoolClient?.ClientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "eve", PASSWORD: "Passw0rd!eve" },
        }),
      )
    ).AuthenticationResult?.AccessToken as string;
    const first = await start();
    await expect(complete(forged(first.challenge, "http://localhost:1"), otherToken)).rejects.toMatchObject({
      name: "WebAuthnClientMismatchException",
    });

    // Another user cannot complete it either.
    const second = await start();
    const malloryToken = await signedInUser(admin, ids, "mallory", "Passw0rd!mallory");
    await expect(
      complete(forged(second.challenge, "http://localhost:1"), malloryToken),
    ).rejects.toMatchObject({
      name: "WebAuthnChallengeNotFoundException",
    });

    // An origin outside the RP id.
    const third = await start();
    await expect(complete(forged(third.challenge, "https://evil.example"))).rejects.toMatchObject({
      name: "WebAuthnOriginNotAllowedException",
    });
    // The challenge was used up by that attempt.
    await expect(complete(forged(third.challenge, "http://localhost:1"))).rejects.toMatchObject({
      name: "WebAuthnChallengeNotFoundException",
    });

    // Right challenge and origin, but no valid attestation.
    const fourth = await start();
    await expect(complete(forged(fourth.challenge, "http://localhost:1"))).rejects.toMatchObject({
      name: "WebAuthnCredentialNotSupportedException",
    });

    // Not a WebAuthn response at all.
    await expect(complete({ hello: "world" })).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("needs a valid access token and a NextToken it issued", async () => {
    await expect(start("not.a.token")).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await expect(
      admin.send(new ListWebAuthnCredentialsCommand({ AccessToken: token, NextToken: "forged-token" })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    expect(
      (await admin.send(new ListWebAuthnCredentialsCommand({ AccessToken: token, MaxResults: 5 })))
        .Credentials,
    ).toEqual([]);
  });
});
