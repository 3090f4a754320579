import { AdminCreateUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfirmedUser } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { openBrowser, screenshots, type TestBrowser } from "./support/browser.js";
import { type CallbackServer, startCallbackServer } from "./support/callback-server.js";
import { expectHardened, type HostedUiPool, hostedUiPool, recordPages } from "./support/hosted-ui-pool.js";
import { authorizeUrl, decodeJwt, exchangeCode, pkcePair } from "./support/oauth-client.js";

// The hosted UI's sign-in in a real browser (Debian's Chromium through playwright-core), with real typing
// and clicks: authorization code + PKCE through the login page to the app's redirect_uri and the code
// exchange; SSO (a second authorize skips the form, /logout asks again); NEW_PASSWORD_REQUIRED; errors.

const backends = await testBackends();
const PASSWORD = "Corr3ct-Horse!battery";

describe.each(backends)("hosted UI sign-in on %s", (backend) => {
  let server: TestServer;
  let callback: CallbackServer;
  let pool: HostedUiPool;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    callback = await startCallbackServer();
    pool = await hostedUiPool(server, callback);
    await createConfirmedUser(server.adminClient(), pool, "alice", PASSWORD, [
      { Name: "email", Value: "alice@example.com" },
      { Name: "email_verified", Value: "true" },
    ]);
  });
  afterAll(async () => {
    await callback?.close();
    await server?.stop();
  });

  it("signs in through the login page and the code exchanges for tokens (PKCE S256), then SSO and logout", async () => {
    const browser: TestBrowser = await openBrowser();
    try {
      const { page } = browser;
      const pages = recordPages(page, server.url);
      const pkce = pkcePair();
      await page.goto(
        authorizeUrl(pool.base, {
          clientId: pool.clientId,
          redirectUri: callback.callbackUrl,
          state: "st-1",
          challenge: pkce.challenge,
          nonce: "n-1",
        }),
      );
      expect(new URL(page.url()).pathname).toBe(`/${pool.userPoolId}/login`);
      await expect(page.locator("h1").textContent()).resolves.toBe("Sign in to your account");
      await expect(page.getByRole("link", { name: "Sign up" }).getAttribute("href")).resolves.toContain(
        "/signup?",
      );
      await expect(
        page.getByRole("link", { name: "Forgot your password?" }).getAttribute("href"),
      ).resolves.toContain("/forgotPassword?");
      await screenshots(page, "login");

      await page.getByLabel("Username").pressSequentially("alice");
      await page.getByLabel("Password").pressSequentially(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => url.href.startsWith(callback.callbackUrl));

      const landed = new URL(page.url());
      expect(landed.searchParams.get("state")).toBe("st-1");
      const code = landed.searchParams.get("code") ?? "";
      expect(code).not.toBe("");
      const exchanged = await exchangeCode(pool.base, {
        clientId: pool.clientId,
        code,
        redirectUri: callback.callbackUrl,
        verifier: pkce.verifier,
      });
      expect(exchanged.status).toBe(200);
      const idClaims = decodeJwt(String(exchanged.body.id_token));
      expect(idClaims["cognito:username"]).toBe("alice");
      expect(idClaims.email).toBe("alice@example.com");
      expect(idClaims.nonce).toBe("n-1");
      expect(
        String(decodeJwt(String(exchanged.body.access_token)).scope)
          .split(" ")
          .sort(),
      ).toEqual(["email", "openid", "profile"]);
      for (const response of pages) expectHardened(response.headers());
      expect(pages.length).toBeGreaterThan(0);

      // SSO: the second authorize in the same browser never shows the form.
      const visited: string[] = [];
      page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame()) visited.push(frame.url());
      });
      const second = pkcePair();
      await page.goto(
        authorizeUrl(pool.base, {
          clientId: pool.clientId,
          redirectUri: callback.callbackUrl,
          state: "st-2",
          challenge: second.challenge,
        }),
      );
      await page.waitForURL((url) => url.href.startsWith(callback.callbackUrl));
      expect(new URL(page.url()).searchParams.get("state")).toBe("st-2");
      expect(visited.some((url) => url.includes("/login"))).toBe(false);
      const again = await exchangeCode(pool.base, {
        clientId: pool.clientId,
        code: new URL(page.url()).searchParams.get("code") ?? "",
        redirectUri: callback.callbackUrl,
        verifier: second.verifier,
      });
      expect(decodeJwt(String(again.body.id_token)).auth_time).toBe(idClaims.auth_time);

      // prompt=login asks again even with a session.
      await page.goto(
        authorizeUrl(pool.base, {
          clientId: pool.clientId,
          redirectUri: callback.callbackUrl,
          state: "st-3",
          challenge: second.challenge,
          prompt: "login",
        }),
      );
      expect(new URL(page.url()).pathname).toBe(`/${pool.userPoolId}/login`);

      // After /logout the next authorize asks for the password again.
      await page.goto(
        `${pool.base}/logout?${new URLSearchParams({ client_id: pool.clientId, logout_uri: callback.logoutUrl })}`,
      );
      await page.waitForURL((url) => url.href.startsWith(callback.logoutUrl));
      visited.length = 0;
      await page.goto(
        authorizeUrl(pool.base, {
          clientId: pool.clientId,
          redirectUri: callback.callbackUrl,
          state: "st-4",
          challenge: second.challenge,
        }),
      );
      expect(new URL(page.url()).pathname).toBe(`/${pool.userPoolId}/login`);
      await expect(page.getByLabel("Password").isVisible()).resolves.toBe(true);

      // prompt=none without a session: login_required at the redirect_uri.
      await page.goto(
        authorizeUrl(pool.base, {
          clientId: pool.clientId,
          redirectUri: callback.callbackUrl,
          state: "st-5",
          challenge: second.challenge,
          prompt: "none",
        }),
      );
      await page.waitForURL((url) => url.href.startsWith(callback.callbackUrl));
      expect(new URL(page.url()).searchParams.get("error")).toBe("login_required");
    } finally {
      await browser.close();
    }
  });

  it("shows what went wrong for a wrong password and keeps the typed username", async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      const pkce = pkcePair();
      await page.goto(
        authorizeUrl(pool.base, {
          clientId: pool.clientId,
          redirectUri: callback.callbackUrl,
          state: "x",
          challenge: pkce.challenge,
        }),
      );
      await page.getByLabel("Username").pressSequentially("alice");
      await page.getByLabel("Password").pressSequentially("not-the-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      const alert = page.locator('[data-message-id="login.incorrect"]');
      await expect(alert.textContent()).resolves.toContain("Incorrect username or password");
      await expect(page.getByLabel("Username").inputValue()).resolves.toBe("alice");
      await expect(page.getByLabel("Password").inputValue()).resolves.toBe("");
      await screenshots(page, "login-error");
    } finally {
      await browser.close();
    }
  });

  it("asks a user with a temporary password for a new one, then lands in the app", async () => {
    await server.adminClient().send(
      new AdminCreateUserCommand({
        UserPoolId: pool.userPoolId,
        Username: "temp-user",
        TemporaryPassword: "Temp-Passw0rd!x",
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email", Value: "temp@example.com" }],
      }),
    );
    const browser = await openBrowser();
    try {
      const { page } = browser;
      const pkce = pkcePair();
      await page.goto(
        authorizeUrl(pool.base, {
          clientId: pool.clientId,
          redirectUri: callback.callbackUrl,
          state: "np",
          challenge: pkce.challenge,
        }),
      );
      await page.getByLabel("Username").pressSequentially("temp-user");
      await page.getByLabel("Password").pressSequentially("Temp-Passw0rd!x");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.locator("h1").textContent()).resolves.toBe("Choose a new password");
      await screenshots(page, "new-password");

      await page.getByLabel("New password", { exact: true }).pressSequentially("N3w-Password!one");
      await page.getByLabel("Enter the new password again").pressSequentially("N3w-Password!two");
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.locator('[data-message-id="password.mismatch"]').textContent()).resolves.toContain(
        "don't match",
      );

      await page.getByLabel("New password", { exact: true }).pressSequentially("N3w-Password!one");
      await page.getByLabel("Enter the new password again").pressSequentially("N3w-Password!one");
      await page.getByRole("button", { name: "Change password" }).click();
      await page.waitForURL((url) => url.href.startsWith(callback.callbackUrl));
      const code = new URL(page.url()).searchParams.get("code") ?? "";
      const exchanged = await exchangeCode(pool.base, {
        clientId: pool.clientId,
        code,
        redirectUri: callback.callbackUrl,
        verifier: pkce.verifier,
      });
      expect(decodeJwt(String(exchanged.body.id_token))["cognito:username"]).toBe("temp-user");
    } finally {
      await browser.close();
    }
  });

  it("speaks Spanish with lang=es and German from Accept-Language", async () => {
    const browser = await openBrowser({ locale: "de-DE" });
    try {
      const { page } = browser;
      const pkce = pkcePair();
      const url = authorizeUrl(pool.base, {
        clientId: pool.clientId,
        redirectUri: callback.callbackUrl,
        state: "l",
        challenge: pkce.challenge,
      });
      await page.goto(url);
      await expect(page.locator("h1").textContent()).resolves.toBe("Bei deinem Konto anmelden");
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe("de");
      await screenshots(page, "login-de");
      await page.goto(`${url}&lang=es`);
      await expect(page.locator("h1").textContent()).resolves.toBe("Inicia sesión en tu cuenta");
      await page.getByLabel("Nombre de usuario").pressSequentially("alice");
      await page.getByLabel("Contraseña").pressSequentially("wrong-password");
      await page.getByRole("button", { name: "Iniciar sesión" }).click();
      await expect(page.locator('[data-message-id="login.incorrect"]').textContent()).resolves.toContain(
        "incorrectos",
      );
      await screenshots(page, "login-error-es");
    } finally {
      await browser.close();
    }
  });

  it("never redirects to an unregistered redirect_uri: it shows an error page", async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      const response = await page.goto(
        authorizeUrl(pool.base, {
          clientId: pool.clientId,
          redirectUri: `${callback.callbackUrl}/evil`,
          state: "e",
          challenge: pkcePair().challenge,
        }),
      );
      expect(response?.status()).toBe(400);
      expect(new URL(page.url()).pathname).toBe(`/${pool.userPoolId}/oauth2/authorize`);
      await expect(page.locator('[data-message-id="error.invalid_request"]').isVisible()).resolves.toBe(true);
      expectHardened(response?.headers() ?? {});
      await screenshots(page, "error");
    } finally {
      await browser.close();
    }
  });
});
