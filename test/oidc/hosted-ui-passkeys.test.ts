import { SetUserPoolMfaConfigCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestCode } from "../support/outbox.js";
import { createConfirmedUser } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { publicUrlOf } from "./oauth2-setup.js";
import { openBrowser, screenshots } from "./support/browser.js";
import { type CallbackServer, startCallbackServer } from "./support/callback-server.js";
import { csrfFrom, FormClient } from "./support/form-client.js";
import { expectHardened, hostedUiPool, recordPages } from "./support/hosted-ui-pool.js";
import { authorizeUrl, decodeJwt, exchangeCode, pkcePair } from "./support/oauth-client.js";

// Passkeys and passwordless codes in the hosted UI, in Debian's Chromium with its virtual authenticator
// (CDP WebAuthn.addVirtualAuthenticator): after a password sign-in the person registers a passkey on
// /passkeys/add; after signing out, "Sign in another way" offers the passkey (and an emailed code), and
// each signs the person in. The pages are served from http://localhost (the pool's RP id is localhost).

const backends = await testBackends();

/** Chromium's virtual authenticator (CDP): a platform passkey provider that verifies the user. */
async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}
const PASSWORD = "Corr3ct-Horse!battery";

describe.each(backends)("hosted UI passkeys and sign-in codes on %s", (backend) => {
  let server: TestServer;
  let callback: CallbackServer;
  let base: string;
  let clientId: string;
  let userPoolId: string;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    callback = await startCallbackServer();
    const pool = await hostedUiPool(server, callback, {
      PoolName: "Passkey Demo",
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"] } },
    });
    await server.adminClient().send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool.userPoolId,
        WebAuthnConfiguration: { RelyingPartyId: "localhost", UserVerification: "required" },
      }),
    );
    await createConfirmedUser(server.adminClient(), pool, "pat", PASSWORD, [
      { Name: "email", Value: "pat@example.com" },
      { Name: "email_verified", Value: "true" },
    ]);
    base = `${publicUrlOf(server)}/${pool.userPoolId}`;
    clientId = pool.clientId;
    userPoolId = pool.userPoolId;
  });
  afterAll(async () => {
    await callback?.close();
    await server?.stop();
  });

  const authorize = (challenge: string, state: string) =>
    authorizeUrl(base, { clientId, redirectUri: callback.callbackUrl, state, challenge });

  /** Waits for the app's callback and exchanges the code; returns the ID token's claims. */
  async function landInApp(page: Page, verifier: string) {
    await page.waitForURL((url) => url.href.startsWith(callback.callbackUrl));
    const exchanged = await exchangeCode(base, {
      clientId,
      code: new URL(page.url()).searchParams.get("code") ?? "",
      redirectUri: callback.callbackUrl,
      verifier,
    });
    expect(exchanged.status).toBe(200);
    return decodeJwt(String(exchanged.body.id_token));
  }

  async function signOut(page: Page) {
    await page.goto(
      `${base}/logout?${new URLSearchParams({ client_id: clientId, logout_uri: callback.logoutUrl })}`,
    );
    await page.waitForURL((url) => url.href.startsWith(callback.logoutUrl));
  }

  /** authorize -> the username -> "Sign in another way" -> the choice page. */
  async function chooseAnotherWay(page: Page, verifier: { challenge: string }, state: string) {
    await page.goto(authorize(verifier.challenge, state));
    await page.getByLabel("Username").pressSequentially("pat");
    await page.getByRole("button", { name: "Sign in another way" }).click();
    await expect(page.locator("h1").textContent()).resolves.toBe("How do you want to sign in?");
  }

  it("registers a passkey after a password sign-in, then signs in with it and with an emailed code", async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      const pages = recordPages(page, publicUrlOf(server));
      await addVirtualAuthenticator(page);

      // A password sign-in first; the login page offers the other ways too.
      const first = pkcePair();
      await page.goto(authorize(first.challenge, "pw"));
      await expect(page.getByRole("button", { name: "Sign in another way" }).isVisible()).resolves.toBe(true);
      await screenshots(page, "login-passwordless");
      await page.getByLabel("Username").pressSequentially("pat");
      await page.getByLabel("Password").pressSequentially(PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      expect((await landInApp(page, first.verifier))["cognito:username"]).toBe("pat");

      // /passkeys/add with the app's authorize parameters: create a passkey, then back to the app.
      const adding = pkcePair();
      await page.goto(authorize(adding.challenge, "add").replace("/oauth2/authorize?", "/passkeys/add?"));
      await expect(page.locator("h1").textContent()).resolves.toBe("Sign in faster with a passkey");
      await screenshots(page, "passkey-add");
      await page.getByRole("button", { name: "Create a passkey" }).click();
      expect((await landInApp(page, adding.verifier))["cognito:username"]).toBe("pat");

      // Signed out, the passkey signs in: choice page, passkey page, the authenticator, the app.
      await signOut(page);
      const withPasskey = pkcePair();
      await chooseAnotherWay(page, withPasskey, "passkey");
      await expect(
        page.getByRole("link", { name: "Sign in with your password instead" }).isVisible(),
      ).resolves.toBe(true);
      await screenshots(page, "choose-sign-in");
      await page.getByRole("radio", { name: "Use a passkey" }).check();
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page.locator("h1").textContent()).resolves.toBe("Sign in with a passkey");
      await screenshots(page, "passkey-sign-in");
      await page.getByRole("button", { name: "Use passkey" }).click();
      expect((await landInApp(page, withPasskey.verifier))["cognito:username"]).toBe("pat");

      // And an emailed sign-in code (EMAIL_OTP as the first factor).
      await signOut(page);
      const withCode = pkcePair();
      await chooseAnotherWay(page, withCode, "code");
      await page.getByRole("radio", { name: "Email me a sign-in code" }).check();
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page.locator("h1").textContent()).resolves.toBe("Enter your sign-in code");
      await expect(page.locator(".intro").textContent()).resolves.toMatch(/by email to p\*\*\*@e\*\*\*/);
      await screenshots(page, "sign-in-code");
      await page
        .getByLabel("Verification code")
        .pressSequentially(await latestCode(server.dataDir, "pat@example.com"));
      await page.getByRole("button", { name: "Sign in" }).click();
      expect((await landInApp(page, withCode.verifier))["cognito:username"]).toBe("pat");

      for (const response of pages) expectHardened(response.headers());
      // Only the passkey pages may run a script, and only our own file.
      const passkeyPage = pages.find((response) => response.url().includes("/passkeys/add"));
      expect(passkeyPage?.headers()["content-security-policy"]).toContain("script-src 'self'");
      const loginPage = pages.find((response) => response.url().includes("/login"));
      expect(loginPage?.headers()["content-security-policy"]).not.toContain("script-src");
    } finally {
      await browser.close();
    }
  });

  it("sends a person without a session from /passkeys/add to the sign-in page", async () => {
    const pkce = pkcePair();
    const response = await fetch(
      authorize(pkce.challenge, "x").replace("/oauth2/authorize?", "/passkeys/add?"),
      {
        redirect: "manual",
      },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/\/login\?/);
  });

  it("tells a person with only a password that there is no other way yet, and links back", async () => {
    await createConfirmedUser(server.adminClient(), { userPoolId, clientId }, "nia", PASSWORD, [
      { Name: "email", Value: "nia@example.com" },
    ]);
    const client = new FormClient();
    const query = new URL(authorize(pkcePair().challenge, "nia")).search;
    const login = await client.get(`${base}/login${query}`);
    const choice = await client.post(`${base}/login${query}`, {
      _csrf: csrfFrom(login.body),
      username: "nia",
      password: "",
      action: "choose",
    });
    expect(choice.status).toBe(200);
    expect(choice.body).toContain('data-challenge="SELECT_CHALLENGE"');
    expect(choice.body).toContain('data-message-id="choice.none"');
    expect(choice.body).not.toContain('type="radio"');
    expect(choice.body).not.toContain('type="submit"');
    expect(choice.body).toMatch(/href="[^"]*\/login\?[^"]*username=nia"/);
  });
});
