import {
  AdminSetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  type SetUserPoolMfaConfigCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { Secret, TOTP } from "otpauth";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestCode } from "../support/outbox.js";
import { createConfirmedUser } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { openBrowser, screenshots } from "./support/browser.js";
import { type CallbackServer, startCallbackServer } from "./support/callback-server.js";
import { csrfFrom, FormClient } from "./support/form-client.js";
import { expectHardened, type HostedUiPool, hostedUiPool, recordPages } from "./support/hosted-ui-pool.js";
import { authorizeUrl, decodeJwt, exchangeCode, pkcePair } from "./support/oauth-client.js";

// The MFA pages of the hosted UI in Debian's Chromium, typing and clicking like a person:
// - MFA_SETUP: a user of a pool with MFA ON and no factor sets up an authenticator app from the QR
//   page (the secret read off the page, codes from the independent otpauth), sees ten recovery codes,
//   and lands in the app; then signs in with SOFTWARE_TOKEN_MFA (a wrong code first), and once with a
//   recovery code;
// - SELECT_MFA_TYPE then EMAIL_OTP with the code from the dev outbox.

const backends = await testBackends();

/** RFC 6238 (SHA-1, 30 s, 6 digits) computed by otpauth, independently of Cognate's own TOTP. */
const totpAt = (secret: string, at: Date) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({
    timestamp: at.getTime(),
  });

/** SetUserPoolMfaConfig input offering the given factors. */
function mfaConfig(
  userPoolId: string,
  mode: "ON" | "OPTIONAL",
  factors: { sms?: boolean; totp?: boolean; email?: boolean },
): SetUserPoolMfaConfigCommandInput {
  return {
    UserPoolId: userPoolId,
    MfaConfiguration: mode,
    ...(factors.sms
      ? {
          SmsMfaConfiguration: {
            SmsAuthenticationMessage: "Your sign-in code is {####}",
            SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/cognate-sms", ExternalId: "x" },
          },
        }
      : {}),
    ...(factors.totp ? { SoftwareTokenMfaConfiguration: { Enabled: true } } : {}),
    ...(factors.email
      ? { EmailMfaConfiguration: { Message: "Your code is {####}", Subject: "Your code" } }
      : {}),
  };
}
const PASSWORD = "Corr3ct-Horse!battery";

describe.each(backends)("hosted UI MFA pages on %s", (backend) => {
  let server: TestServer;
  let callback: CallbackServer;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    callback = await startCallbackServer();
  });
  afterAll(async () => {
    await callback?.close();
    await server?.stop();
  });

  /** Opens authorize, signs in with the password, and returns the PKCE verifier for the exchange. */
  async function startSignIn(page: Page, pool: HostedUiPool, username: string) {
    const pkce = pkcePair();
    await page.goto(
      authorizeUrl(pool.base, {
        clientId: pool.clientId,
        redirectUri: callback.callbackUrl,
        state: "mfa",
        challenge: pkce.challenge,
      }),
    );
    await page.getByLabel("Username").pressSequentially(username);
    await page.getByLabel("Password").pressSequentially(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    return pkce.verifier;
  }

  /** Waits for the app's callback and exchanges the code; returns the ID token's claims. */
  async function landInApp(page: Page, pool: HostedUiPool, verifier: string) {
    await page.waitForURL((url) => url.href.startsWith(callback.callbackUrl));
    const exchanged = await exchangeCode(pool.base, {
      clientId: pool.clientId,
      code: new URL(page.url()).searchParams.get("code") ?? "",
      redirectUri: callback.callbackUrl,
      verifier,
    });
    expect(exchanged.status).toBe(200);
    return decodeJwt(String(exchanged.body.id_token));
  }

  it("sets up an authenticator app (MFA_SETUP), then signs in with TOTP and with a recovery code", async () => {
    const pool = await hostedUiPool(server, callback, { PoolName: "Acme Rockets" });
    await server
      .adminClient()
      .send(new SetUserPoolMfaConfigCommand(mfaConfig(pool.userPoolId, "ON", { totp: true })));
    await createConfirmedUser(server.adminClient(), pool, "carol", PASSWORD, [
      { Name: "email", Value: "carol@example.com" },
    ]);

    let secret = "";
    let recoveryCodes: string[] = [];
    const first = await openBrowser();
    try {
      const { page } = first;
      const pages = recordPages(page, server.url);
      const verifier = await startSignIn(page, pool, "carol");
      await expect(page.locator("h1").textContent()).resolves.toBe("Set up an authenticator app");
      const qr = page.getByRole("img", { name: "QR code that adds this account to an authenticator app" });
      await expect(qr.getAttribute("src")).resolves.toMatch(/^data:image\/svg\+xml;base64,/);
      expect(
        await qr.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth),
      ).toBeGreaterThan(0);
      secret = ((await page.locator(".secret-code").textContent()) ?? "").replace(/\s/g, "");
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await screenshots(page, "mfa-setup");

      // A wrong code: the same secret again, and a message saying what to do.
      await page.getByLabel("Code from your authenticator app").pressSequentially("000000");
      await page.getByRole("button", { name: "Verify and continue" }).click();
      await expect(
        page.locator('[data-message-id="mfa_setup.code_mismatch"]').textContent(),
      ).resolves.toMatch(/doesn't match/);
      expect(((await page.locator(".secret-code").textContent()) ?? "").replace(/\s/g, "")).toBe(secret);
      await screenshots(page, "mfa-setup-error");

      await page.getByLabel("Code from your authenticator app").fill(totpAt(secret, new Date()));
      await page.getByRole("button", { name: "Verify and continue" }).click();
      await expect(page.locator("h1").textContent()).resolves.toBe("Save your recovery codes");
      recoveryCodes = await page.locator(".codes code").allTextContents();
      expect(recoveryCodes).toHaveLength(10);
      for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
      await screenshots(page, "mfa-recovery-codes");
      await page.getByRole("button", { name: "I've saved my codes, continue" }).click();
      const claims = await landInApp(page, pool, verifier);
      expect(claims["cognito:username"]).toBe("carol");
      for (const response of pages) expectHardened(response.headers());
    } finally {
      await first.close();
    }

    // A later sign-in (a fresh browser: no SSO session) asks for the app's code.
    const second = await openBrowser();
    try {
      const { page } = second;
      const verifier = await startSignIn(page, pool, "carol");
      await expect(page.locator("h1").textContent()).resolves.toBe("Enter your verification code");
      await expect(page.locator(".intro").textContent()).resolves.toMatch(/authenticator app/);
      await screenshots(page, "mfa-totp");
      await page.getByLabel("Code from your authenticator app").pressSequentially("123456");
      await page.getByRole("button", { name: "Verify" }).click();
      await expect(page.locator('[data-message-id="totp.mismatch"]').textContent()).resolves.toMatch(
        /isn't right/,
      );
      await expect(
        page.getByLabel("Code from your authenticator app").getAttribute("aria-invalid"),
      ).resolves.toBe("true");
      await screenshots(page, "mfa-totp-error");
      // The code of the next time-step (within the ±1 step window; the current one was used at setup).
      await page
        .getByLabel("Code from your authenticator app")
        .fill(totpAt(secret, new Date(Date.now() + 30_000)));
      await page.getByRole("button", { name: "Verify" }).click();
      expect((await landInApp(page, pool, verifier))["cognito:username"]).toBe("carol");
    } finally {
      await second.close();
    }

    // A recovery code works once in place of the app's code.
    const third = await openBrowser();
    try {
      const { page } = third;
      const verifier = await startSignIn(page, pool, "carol");
      await page.getByLabel("Code from your authenticator app").pressSequentially(recoveryCodes[0] ?? "");
      await page.getByRole("button", { name: "Verify" }).click();
      expect((await landInApp(page, pool, verifier))["cognito:username"]).toBe("carol");
    } finally {
      await third.close();
    }
  });

  it("lets the user choose a factor (SELECT_MFA_TYPE), then takes the emailed code (EMAIL_OTP)", async () => {
    const pool = await hostedUiPool(server, callback);
    await server
      .adminClient()
      .send(
        new SetUserPoolMfaConfigCommand(mfaConfig(pool.userPoolId, "OPTIONAL", { sms: true, email: true })),
      );
    await createConfirmedUser(server.adminClient(), pool, "erin", PASSWORD, [
      { Name: "email", Value: "erin@example.com" },
      { Name: "email_verified", Value: "true" },
      { Name: "phone_number", Value: "+14155550111" },
      { Name: "phone_number_verified", Value: "true" },
    ]);
    await server.adminClient().send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: pool.userPoolId,
        Username: "erin",
        SMSMfaSettings: { Enabled: true },
        EmailMfaSettings: { Enabled: true },
      }),
    );
    const browser = await openBrowser();
    try {
      const { page } = browser;
      const verifier = await startSignIn(page, pool, "erin");
      await expect(page.locator("h1").textContent()).resolves.toBe("How do you want to verify it's you?");
      await expect(page.getByRole("radio").evaluateAll((radios) => radios.length)).resolves.toBe(2);
      await expect(page.getByRole("radio", { name: "Text message to your phone" }).isVisible()).resolves.toBe(
        true,
      );
      await screenshots(page, "mfa-select");
      await page.getByRole("radio", { name: "Email" }).check();
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page.locator("h1").textContent()).resolves.toBe("Enter your verification code");
      await expect(page.locator(".intro").textContent()).resolves.toMatch(/by email to e\*\*\*@e\*\*\*/);
      await screenshots(page, "mfa-email-code");
      const code = await latestCode(server.dataDir, "erin@example.com");
      await page.getByLabel("Verification code").pressSequentially(code);
      await page.getByRole("button", { name: "Verify" }).click();
      expect((await landInApp(page, pool, verifier))["cognito:username"]).toBe("erin");
    } finally {
      await browser.close();
    }
  });

  it("speaks German on the MFA pages, and says when a factor cannot be set up here", async () => {
    const pool = await hostedUiPool(server, callback);
    await server
      .adminClient()
      .send(new SetUserPoolMfaConfigCommand(mfaConfig(pool.userPoolId, "ON", { sms: true })));
    await createConfirmedUser(server.adminClient(), pool, "otto", PASSWORD, [
      { Name: "email", Value: "otto@example.com" },
    ]);
    const client = new FormClient();
    const query = new URL(
      authorizeUrl(pool.base, {
        clientId: pool.clientId,
        redirectUri: callback.callbackUrl,
        state: "de",
        challenge: pkcePair().challenge,
        lang: "de",
      }),
    ).search;
    const login = await client.get(`${pool.base}/login${query}`);
    const setup = await client.post(`${pool.base}/login${query}`, {
      _csrf: csrfFrom(login.body),
      username: "otto",
      password: PASSWORD,
    });
    // SMS is the pool's only factor and otto has no phone number: MFA_SETUP, which needs the administrator.
    expect(setup.status).toBe(200);
    expect(setup.body).toContain('data-challenge="MFA_SETUP"');
    expect(setup.body).toContain('<html lang="de">');
    expect(setup.body).toContain("<h1>Bestätigung in zwei Schritten einrichten</h1>");
    expect(setup.body).toContain('data-message-id="mfa_setup.unsupported"');
    expect(setup.body).not.toContain('type="submit"');
  });
});
