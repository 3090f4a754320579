import {
  CompleteWebAuthnRegistrationCommand,
  DeleteWebAuthnCredentialCommand,
  GetUserAuthFactorsCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  StartWebAuthnRegistrationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { describe, expect, it } from "vitest";
import { testBackends } from "../support/server.js";
import { type CreationOptions, usePasskeyBrowser } from "./passkeys-browser-setup.js";
import { createPasskeyInPage, getPasskeyInPage, signedInUser } from "./support.js";

// A real passkey through the API: Chromium's virtual authenticator (CDP WebAuthn domain) on a page served
// from the test server at http://localhost:<port> (RP id "localhost"), registered with
// Start/CompleteWebAuthnRegistration, then used for USER_AUTH with the WEB_AUTHN challenge.

const backends = await testBackends();

describe.each(backends)("passkeys through a real browser on %s", (backend) => {
  const ctx = usePasskeyBrowser(backend);

  it("registers a passkey, signs in with it, lists and deletes it", async () => {
    const accessToken = await signedInUser(ctx.admin, ctx.ids, "pia", "Passw0rd!pia");

    const started = await ctx.admin.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
    const options = started.CredentialCreationOptions as unknown as CreationOptions;
    expect(options.rp).toEqual({ id: "localhost", name: "test-pool" });
    expect(options.user.name).toBe("pia");
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: "required",
      userVerification: "required",
    });
    expect(options.pubKeyCredParams).toContainEqual({ type: "public-key", alg: -7 });
    expect(options.excludeCredentials).toEqual([]);

    const registration = await createPasskeyInPage(ctx.browser.page, options);
    // Completed three times at once: the challenge is taken by exactly one of them.
    const completions = await Promise.allSettled(
      [1, 2, 3].map(() =>
        ctx.admin.send(
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
      ctx.admin.send(
        new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: registration }),
      ),
    ).rejects.toMatchObject({ name: "WebAuthnChallengeNotFoundException" });

    const listed = await ctx.admin.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }));
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
    const again = await ctx.admin.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
    expect((again.CredentialCreationOptions as unknown as CreationOptions).excludeCredentials).toEqual([
      { type: "public-key", id: registration.id, transports: ["internal"] },
    ]);

    const factors = await ctx.admin.send(new GetUserAuthFactorsCommand({ AccessToken: accessToken }));
    expect(factors.Username).toBe("pia");
    expect(factors.ConfiguredUserAuthFactors).toEqual(["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"]);

    // USER_AUTH with the passkey.
    const initiated = await ctx.admin.send(
      new InitiateAuthCommand({
        ClientId: ctx.ids.clientId,
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
    const assertion = await getPasskeyInPage(ctx.browser.page, requestOptions);
    const answered = await ctx.admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ctx.ids.clientId,
        ChallengeName: "WEB_AUTHN",
        Session: initiated.Session,
        ChallengeResponses: { USERNAME: "pia", CREDENTIAL: JSON.stringify(assertion) },
      }),
    );
    const tokens = answered.AuthenticationResult;
    expect(tokens?.TokenType).toBe("Bearer");
    expect(tokens?.RefreshToken).toBeTruthy();
    const me = await ctx.admin.send(new GetUserCommand({ AccessToken: tokens?.AccessToken }));
    expect(me.Username).toBe("pia");

    // The assertion answered its challenge once: replaying it (same Session or a new one) fails.
    await expect(
      ctx.admin.send(
        new RespondToAuthChallengeCommand({
          ClientId: ctx.ids.clientId,
          ChallengeName: "WEB_AUTHN",
          Session: initiated.Session,
          ChallengeResponses: { USERNAME: "pia", CREDENTIAL: JSON.stringify(assertion) },
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException" });

    // Through SELECT_CHALLENGE: no preference gives the choice, WEB_AUTHN among it.
    const choice = await ctx.admin.send(
      new InitiateAuthCommand({
        ClientId: ctx.ids.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "pia" },
      }),
    );
    expect(choice.ChallengeName).toBe("SELECT_CHALLENGE");
    expect(choice.AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"]);
    const picked = await ctx.admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ctx.ids.clientId,
        ChallengeName: "SELECT_CHALLENGE",
        Session: choice.Session,
        ChallengeResponses: { USERNAME: "pia", ANSWER: "WEB_AUTHN" },
      }),
    );
    expect(picked.ChallengeName).toBe("WEB_AUTHN");
    const second = await getPasskeyInPage(
      ctx.browser.page,
      JSON.parse(picked.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? "{}"),
    );
    const signedIn = await ctx.admin.send(
      new RespondToAuthChallengeCommand({
        ClientId: ctx.ids.clientId,
        ChallengeName: "WEB_AUTHN",
        Session: picked.Session,
        ChallengeResponses: { USERNAME: "pia", CREDENTIAL: JSON.stringify(second) },
      }),
    );
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();

    await ctx.admin.send(
      new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: registration.id }),
    );
    expect(
      (await ctx.admin.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }))).Credentials,
    ).toEqual([]);
    await expect(
      ctx.admin.send(
        new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: registration.id }),
      ),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });

    // Without a passkey, a WEB_AUTHN preference falls back to the choice of what the user has.
    const fallback = await ctx.admin.send(
      new InitiateAuthCommand({
        ClientId: ctx.ids.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "pia", PREFERRED_CHALLENGE: "WEB_AUTHN" },
      }),
    );
    expect(fallback.ChallengeName).toBe("SELECT_CHALLENGE");
    expect(fallback.AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]);
  });
});
