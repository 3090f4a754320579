import {
  CompleteWebAuthnRegistrationCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  StartWebAuthnRegistrationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { type CreationOptions, usePasskeyBrowser } from "./passkeys-browser-setup.js";
import { createPasskeyInPage, createPasswordlessPool, getPasskeyInPage, signedInUser } from "./support.js";

// A real passkey through the API: Chromium's virtual authenticator (CDP WebAuthn domain) on a page served
// from the test server at http://localhost:<port> (RP id "localhost"), registered with
// Start/CompleteWebAuthnRegistration, then used for USER_AUTH with the WEB_AUTHN challenge.

const backends = await testBackends();

describe.each(backends)("passkeys through a real browser on %s", (backend) => {
  const ctx = usePasskeyBrowser(backend);

  it("refuses a cloned authenticator (sign count going back) and an assertion of another user", async () => {
    const accessToken = await signedInUser(ctx.admin, ctx.ids, "cleo", "Passw0rd!cleo");
    const started = await ctx.admin.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
    const registration = await createPasskeyInPage(ctx.browser.page, started.CredentialCreationOptions);
    await ctx.admin.send(
      new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: registration }),
    );
    const passkeySignIn = async (username: string) => {
      const initiated = await ctx.admin.send(
        new InitiateAuthCommand({
          ClientId: ctx.ids.clientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: "WEB_AUTHN" },
        }),
      );
      return initiated;
    };
    const first = await passkeySignIn("cleo");
    const assertion = await getPasskeyInPage(
      ctx.browser.page,
      JSON.parse(first.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? "{}"),
    );
    const ok = await ctx.admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ctx.ids.clientId,
        ChallengeName: "WEB_AUTHN",
        Session: first.Session,
        ChallengeResponses: { USERNAME: "cleo", CREDENTIAL: JSON.stringify(assertion) },
      }),
    );
    expect(ok.AuthenticationResult?.AccessToken).toBeTruthy();

    // A copy of the key with an older counter (a cloned authenticator) signs; the count did not move on.
    const { credentials } = await ctx.virtual.cdp.send("WebAuthn.getCredentials", {
      authenticatorId: ctx.virtual.authenticatorId,
    });
    // CDP speaks base64, the WebAuthn JSON base64url.
    const stored = credentials.find(
      (item) => Buffer.from(item.credentialId, "base64").toString("base64url") === registration.id,
    );
    expect(stored?.signCount).toBeGreaterThan(0);
    await ctx.virtual.cdp.send("WebAuthn.removeCredential", {
      authenticatorId: ctx.virtual.authenticatorId,
      credentialId: stored?.credentialId ?? "",
    });
    await ctx.virtual.cdp.send("WebAuthn.addCredential", {
      authenticatorId: ctx.virtual.authenticatorId,
      credential: { ...(stored as NonNullable<typeof stored>), signCount: 0 },
    });
    const second = await passkeySignIn("cleo");
    const cloned = await getPasskeyInPage(
      ctx.browser.page,
      JSON.parse(second.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? "{}"),
    );
    await expect(
      ctx.admin.send(
        new RespondToAuthChallengeCommand({
          ClientId: ctx.ids.clientId,
          ChallengeName: "WEB_AUTHN",
          Session: second.Session,
          ChallengeResponses: { USERNAME: "cleo", CREDENTIAL: JSON.stringify(cloned) },
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });

    // The genuine authenticator, with its counter ahead, still signs in.
    await ctx.virtual.cdp.send("WebAuthn.removeCredential", {
      authenticatorId: ctx.virtual.authenticatorId,
      credentialId: stored?.credentialId ?? "",
    });
    await ctx.virtual.cdp.send("WebAuthn.addCredential", {
      authenticatorId: ctx.virtual.authenticatorId,
      credential: { ...(stored as NonNullable<typeof stored>), signCount: 100 },
    });

    // Cleo's passkey cannot answer Dora's challenge, even though Dora has a passkey too.
    const doraToken = await signedInUser(ctx.admin, ctx.ids, "dora", "Passw0rd!dora");
    const doraStart = await ctx.admin.send(new StartWebAuthnRegistrationCommand({ AccessToken: doraToken }));
    const doraKey = await createPasskeyInPage(ctx.browser.page, doraStart.CredentialCreationOptions);
    await ctx.admin.send(
      new CompleteWebAuthnRegistrationCommand({ AccessToken: doraToken, Credential: doraKey }),
    );
    const doraSignIn = await passkeySignIn("dora");
    const cleoSignIn = await passkeySignIn("cleo");
    const cleosAnswer = await getPasskeyInPage(
      ctx.browser.page,
      JSON.parse(cleoSignIn.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? "{}"),
    );
    await expect(
      ctx.admin.send(
        new RespondToAuthChallengeCommand({
          ClientId: ctx.ids.clientId,
          ChallengeName: "WEB_AUTHN",
          Session: doraSignIn.Session,
          ChallengeResponses: { USERNAME: "dora", CREDENTIAL: JSON.stringify(cleosAnswer) },
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException" });
    // The attempt did not use up Cleo's challenge.
    const cleoIn = await ctx.admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ctx.ids.clientId,
        ChallengeName: "WEB_AUTHN",
        Session: cleoSignIn.Session,
        ChallengeResponses: { USERNAME: "cleo", CREDENTIAL: JSON.stringify(cleosAnswer) },
      }),
    );
    expect(cleoIn.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it("refuses a passkey made for another relying party, and a 21st passkey", async () => {
    await ctx.virtual.cdp.send("WebAuthn.clearCredentials", { authenticatorId: ctx.virtual.authenticatorId });
    const sub = await createPasswordlessPool(ctx.admin);
    const accessToken = await signedInUser(ctx.admin, sub, "rita", "Passw0rd!rita");
    // On app.localhost the browser may create a passkey for "app.localhost", which is not the pool's RP id
    // ("localhost") although the origin is one of its subdomains.
    await ctx.browser.page.goto(`http://app.localhost:${new URL(ctx.server.url).port}/health/live`);
    try {
      const started = await ctx.admin.send(
        new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }),
      );
      const options = started.CredentialCreationOptions as unknown as CreationOptions;
      expect(options.rp.id).toBe("localhost");
      const elsewhere = await createPasskeyInPage(ctx.browser.page, {
        ...options,
        rp: { ...options.rp, id: "app.localhost" },
      });
      await expect(
        ctx.admin.send(
          new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: elsewhere }),
        ),
      ).rejects.toMatchObject({ name: "WebAuthnRelyingPartyMismatchException" });
    } finally {
      await ctx.browser.page.goto(`${ctx.origin}/health/live`);
    }
    for (let count = 0; count < 20; count += 1) {
      const next = await ctx.admin.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
      // Each needs a new credential, so the page does not exclude the ones already made.
      const created = await createPasskeyInPage(ctx.browser.page, {
        ...(next.CredentialCreationOptions as Record<string, unknown>),
        excludeCredentials: [],
      });
      await ctx.admin.send(
        new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: created }),
      );
    }
    await expect(
      ctx.admin.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken })),
    ).rejects.toMatchObject({ name: "LimitExceededException" });
    const firstPage = await ctx.admin.send(
      new ListWebAuthnCredentialsCommand({ AccessToken: accessToken, MaxResults: 15 }),
    );
    expect(firstPage.Credentials).toHaveLength(15);
    const secondPage = await ctx.admin.send(
      new ListWebAuthnCredentialsCommand({
        AccessToken: accessToken,
        MaxResults: 15,
        NextToken: firstPage.NextToken,
      }),
    );
    expect(secondPage.Credentials).toHaveLength(5);
    expect(secondPage.NextToken).toBeUndefined();
    const all = [...(firstPage.Credentials ?? []), ...(secondPage.Credentials ?? [])].map(
      (item) => item.CredentialId,
    );
    expect(new Set(all).size).toBe(20);
  });
});
