import {
  type CognitoIdentityProviderClient,
  CompleteWebAuthnRegistrationCommand,
  DeleteWebAuthnCredentialCommand,
  GetUserAuthFactorsCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  StartWebAuthnRegistrationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, type TestBrowser } from "../oidc/support/browser.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import {
  addVirtualAuthenticator,
  createPasskeyInPage,
  createPasswordlessPool,
  getPasskeyInPage,
  signedInUser,
} from "./support.js";

// A real passkey through the API: Chromium's virtual authenticator (CDP WebAuthn domain) on a page served
// from the test server at http://localhost:<port> (RP id "localhost"), registered with
// Start/CompleteWebAuthnRegistration, then used for USER_AUTH with the WEB_AUTHN challenge.

const backends = await testBackends();

/** The parts of CredentialCreationOptions the tests read. */
interface CreationOptions {
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  authenticatorSelection: Record<string, unknown>;
  pubKeyCredParams: Array<{ type: string; alg: number }>;
  excludeCredentials: Array<{ type: string; id: string; transports?: string[] }>;
}

describe.each(backends)("passkeys through a real browser on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let browser: TestBrowser;
  let ids: { userPoolId: string; clientId: string };
  let origin: string;
  let virtual: Awaited<ReturnType<typeof addVirtualAuthenticator>>;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    ids = await createPasswordlessPool(admin);
    browser = await openBrowser();
    virtual = await addVirtualAuthenticator(browser.page);
    origin = `http://localhost:${new URL(server.url).port}`;
    await browser.page.goto(`${origin}/health/live`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("registers a passkey, signs in with it, lists and deletes it", async () => {
    const accessToken = await signedInUser(admin, ids, "pia", "Passw0rd!pia");

    const started = await admin.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
    const options = started.CredentialCreationOptions as unknown as CreationOptions;
    expect(options.rp).toEqual({ id: "localhost", name: "test-pool" });
    expect(options.user.name).toBe("pia");
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: "required",
      userVerification: "required",
    });
    expect(options.pubKeyCredParams).toContainEqual({ type: "public-key", alg: -7 });
    expect(options.excludeCredentials).toEqual([]);

    const registration = await createPasskeyInPage(browser.page, options);
    // Completed three times at once: the challenge is taken by exactly one of them.
    const completions = await Promise.allSettled(
      [1, 2, 3].map(() =>
        admin.send(
          new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: registration }),
        ),
      ),
    );
    expect(completions.filter((item) => item.status === "fulfilled")).toHaveLength(1);
    for (const item of completions.filter((entry) => entry.status === "rejected")) {
      expect((item as PromiseRejectedResult).reason).toMatchObject({
        name: "WebAuthnChallengeNotFoundException",
      });
    }
    // And later too: the challenge is gone.
    await expect(
      admin.send(
        new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: registration }),
      ),
    ).rejects.toMatchObject({ name: "WebAuthnChallengeNotFoundException" });

    const listed = await admin.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }));
    expect(listed.Credentials).toHaveLength(1);
    const [credential] = listed.Credentials ?? [];
    expect(credential).toMatchObject({
      CredentialId: registration.id,
      RelyingPartyId: "localhost",
      AuthenticatorAttachment: "platform",
      AuthenticatorTransports: ["internal"],
    });
    expect(credential?.FriendlyCredentialName).toMatch(/^Passkey registered \d{4}-\d{2}-\d{2}$/);
    expect(Math.abs((credential?.CreatedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);

    // A second registration excludes the passkey the user already has.
    const again = await admin.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
    expect((again.CredentialCreationOptions as unknown as CreationOptions).excludeCredentials).toEqual([
      { type: "public-key", id: registration.id, transports: ["internal"] },
    ]);

    const factors = await admin.send(new GetUserAuthFactorsCommand({ AccessToken: accessToken }));
    expect(factors.Username).toBe("pia");
    expect(factors.ConfiguredUserAuthFactors).toEqual(["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"]);

    // USER_AUTH with the passkey.
    const initiated = await admin.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "pia", PREFERRED_CHALLENGE: "WEB_AUTHN" },
      }),
    );
    expect(initiated.ChallengeName).toBe("WEB_AUTHN");
    const requestOptions = JSON.parse(initiated.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? "{}");
    expect(requestOptions).toMatchObject({
      rpId: "localhost",
      userVerification: "required",
      allowCredentials: [{ type: "public-key", id: registration.id, transports: ["internal"] }],
    });
    const assertion = await getPasskeyInPage(browser.page, requestOptions);
    const answered = await admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: "WEB_AUTHN",
        Session: initiated.Session,
        ChallengeResponses: { USERNAME: "pia", CREDENTIAL: JSON.stringify(assertion) },
      }),
    );
    const tokens = answered.AuthenticationResult;
    expect(tokens?.TokenType).toBe("Bearer");
    expect(tokens?.RefreshToken).toBeTruthy();
    const me = await admin.send(new GetUserCommand({ AccessToken: tokens?.AccessToken }));
    expect(me.Username).toBe("pia");

    // The assertion answered its challenge once: replaying it (same Session or a new one) fails.
    await expect(
      admin.send(
        new RespondToAuthChallengeCommand({
          ClientId: ids.clientId,
          ChallengeName: "WEB_AUTHN",
          Session: initiated.Session,
          ChallengeResponses: { USERNAME: "pia", CREDENTIAL: JSON.stringify(assertion) },
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException" });

    // Through SELECT_CHALLENGE: no preference gives the choice, WEB_AUTHN among it.
    const choice = await admin.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "pia" },
      }),
    );
    expect(choice.ChallengeName).toBe("SELECT_CHALLENGE");
    expect(choice.AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"]);
    const picked = await admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: "SELECT_CHALLENGE",
        Session: choice.Session,
        ChallengeResponses: { USERNAME: "pia", ANSWER: "WEB_AUTHN" },
      }),
    );
    expect(picked.ChallengeName).toBe("WEB_AUTHN");
    const second = await getPasskeyInPage(
      browser.page,
      JSON.parse(picked.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? "{}"),
    );
    const signedIn = await admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: "WEB_AUTHN",
        Session: picked.Session,
        ChallengeResponses: { USERNAME: "pia", CREDENTIAL: JSON.stringify(second) },
      }),
    );
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();

    await admin.send(
      new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: registration.id }),
    );
    expect(
      (await admin.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }))).Credentials,
    ).toEqual([]);
    await expect(
      admin.send(
        new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: registration.id }),
      ),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });

    // Without a passkey, a WEB_AUTHN preference falls back to the choice of what the user has.
    const fallback = await admin.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "pia", PREFERRED_CHALLENGE: "WEB_AUTHN" },
      }),
    );
    expect(fallback.ChallengeName).toBe("SELECT_CHALLENGE");
    expect(fallback.AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]);
  });

  it("refuses a cloned authenticator (sign count going back) and an assertion of another user", async () => {
    const accessToken = await signedInUser(admin, ids, "cleo", "Passw0rd!cleo");
    const started = await admin.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
    const registration = await createPasskeyInPage(browser.page, started.CredentialCreationOptions);
    await admin.send(
      new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: registration }),
    );
    const passkeySignIn = async (username: string) => {
      const initiated = await admin.send(
        new InitiateAuthCommand({
          ClientId: ids.clientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: "WEB_AUTHN" },
        }),
      );
      return initiated;
    };
    const first = await passkeySignIn("cleo");
    const assertion = await getPasskeyInPage(
      browser.page,
      JSON.parse(first.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? "{}"),
    );
    const ok = await admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: "WEB_AUTHN",
        Session: first.Session,
        ChallengeResponses: { USERNAME: "cleo", CREDENTIAL: JSON.stringify(assertion) },
      }),
    );
    expect(ok.AuthenticationResult?.AccessToken).toBeTruthy();

    // A copy of the key with an older counter (a cloned authenticator) signs; the count did not move on.
    const { credentials } = await virtual.cdp.send("WebAuthn.getCredentials", {
      authenticatorId: virtual.authenticatorId,
    });
    // CDP speaks base64, the WebAuthn JSON base64url.
    const stored = credentials.find(
      (item) => Buffer.from(item.credentialId, "base64").toString("base64url") === registration.id,
    );
    expect(stored?.signCount).toBeGreaterThan(0);
    await virtual.cdp.send("WebAuthn.removeCredential", {
      authenticatorId: virtual.authenticatorId,
      credentialId: stored?.credentialId ?? "",
    });
    await virtual.cdp.send("WebAuthn.addCredential", {
      authenticatorId: virtual.authenticatorId,
      credential: { ...(stored as NonNullable<typeof stored>), signCount: 0 },
    });
    const second = await passkeySignIn("cleo");
    const cloned = await getPasskeyInPage(
      browser.page,
      JSON.parse(second.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? "{}"),
    );
    await expect(
      admin.send(
        new RespondToAuthChallengeCommand({
          ClientId: ids.clientId,
          ChallengeName: "WEB_AUTHN",
          Session: second.Session,
          ChallengeResponses: { USERNAME: "cleo", CREDENTIAL: JSON.stringify(cloned) },
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });

    // The genuine authenticator, with its counter ahead, still signs in.
    await virtual.cdp.send("WebAuthn.removeCredential", {
      authenticatorId: virtual.authenticatorId,
      credentialId: stored?.credentialId ?? "",
    });
    await virtual.cdp.send("WebAuthn.addCredential", {
      authenticatorId: virtual.authenticatorId,
      credential: { ...(stored as NonNullable<typeof stored>), signCount: 100 },
    });

    // Cleo's passkey cannot answer Dora's challenge, even though Dora has a passkey too.
    const doraToken = await signedInUser(admin, ids, "dora", "Passw0rd!dora");
    const doraStart = await admin.send(new StartWebAuthnRegistrationCommand({ AccessToken: doraToken }));
    const doraKey = await createPasskeyInPage(browser.page, doraStart.CredentialCreationOptions);
    await admin.send(
      new CompleteWebAuthnRegistrationCommand({ AccessToken: doraToken, Credential: doraKey }),
    );
    const doraSignIn = await passkeySignIn("dora");
    const cleoSignIn = await passkeySignIn("cleo");
    const cleosAnswer = await getPasskeyInPage(
      browser.page,
      JSON.parse(cleoSignIn.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? "{}"),
    );
    await expect(
      admin.send(
        new RespondToAuthChallengeCommand({
          ClientId: ids.clientId,
          ChallengeName: "WEB_AUTHN",
          Session: doraSignIn.Session,
          ChallengeResponses: { USERNAME: "dora", CREDENTIAL: JSON.stringify(cleosAnswer) },
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException" });
    // The attempt did not use up Cleo's challenge.
    const cleoIn = await admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: "WEB_AUTHN",
        Session: cleoSignIn.Session,
        ChallengeResponses: { USERNAME: "cleo", CREDENTIAL: JSON.stringify(cleosAnswer) },
      }),
    );
    expect(cleoIn.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it("refuses a passkey made for another relying party, and a 21st passkey", async () => {
    await virtual.cdp.send("WebAuthn.clearCredentials", { authenticatorId: virtual.authenticatorId });
    const sub = await createPasswordlessPool(admin);
    const accessToken = await signedInUser(admin, sub, "rita", "Passw0rd!rita");
    // On app.localhost the browser may create a passkey for "app.localhost", which is not the pool's RP id
    // ("localhost") although the origin is one of its subdomains.
    await browser.page.goto(`http://app.localhost:${new URL(server.url).port}/health/live`);
    try {
      const started = await admin.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
      const options = started.CredentialCreationOptions as unknown as CreationOptions;
      expect(options.rp.id).toBe("localhost");
      const elsewhere = await createPasskeyInPage(browser.page, {
        ...options,
        rp: { ...options.rp, id: "app.localhost" },
      });
      await expect(
        admin.send(
          new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: elsewhere }),
        ),
      ).rejects.toMatchObject({ name: "WebAuthnRelyingPartyMismatchException" });
    } finally {
      await browser.page.goto(`${origin}/health/live`);
    }
    for (let count = 0; count < 20; count += 1) {
      const next = await admin.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
      // Each needs a new credential, so the page does not exclude the ones already made.
      const created = await createPasskeyInPage(browser.page, {
        ...(next.CredentialCreationOptions as Record<string, unknown>),
        excludeCredentials: [],
      });
      await admin.send(
        new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: created }),
      );
    }
    await expect(
      admin.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken })),
    ).rejects.toMatchObject({ name: "LimitExceededException" });
    const firstPage = await admin.send(
      new ListWebAuthnCredentialsCommand({ AccessToken: accessToken, MaxResults: 15 }),
    );
    expect(firstPage.Credentials).toHaveLength(15);
    const secondPage = await admin.send(
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
