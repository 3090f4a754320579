import { AdminGetUserCommand, UpdateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestCode, latestMessage } from "../support/outbox.js";
import { createConfirmedUser } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { openBrowser, screenshots } from "./support/browser.js";
import { type CallbackServer, startCallbackServer } from "./support/callback-server.js";
import { csrfFrom, FormClient } from "./support/form-client.js";
import { expectHardened, type HostedUiPool, hostedUiPool, recordPages } from "./support/hosted-ui-pool.js";
import { authorizeUrl, decodeJwt, exchangeCode, pkcePair } from "./support/oauth-client.js";

// Self-service in a real browser: sign up and confirm with the emailed code (then straight into the app),
// forgot password and reset, the email-link confirmation page, and a forged form post (403).

const backends = await testBackends();

describe.each(backends)("hosted UI self-service on %s", (backend) => {
  let server: TestServer;
  let callback: CallbackServer;
  let pool: HostedUiPool;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    callback = await startCallbackServer();
    pool = await hostedUiPool(server, callback);
  });
  afterAll(async () => {
    await callback?.close();
    await server?.stop();
  });

  it("signs up, confirms with the emailed code and arrives in the app signed in", async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      const pages = recordPages(page, server.url);
      const pkce = pkcePair();
      await page.goto(
        authorizeUrl(pool.base, {
          clientId: pool.clientId,
          redirectUri: callback.callbackUrl,
          state: "su",
          challenge: pkce.challenge,
        }),
      );
      await page.getByRole("link", { name: "Sign up" }).click();
      await expect(page.locator("h1").textContent()).resolves.toBe("Create an account");
      expect(await page.locator('input[name="email"]').getAttribute("type")).toBe("email");
      await screenshots(page, "signup");

      await page.getByLabel("Username").pressSequentially("bob");
      await page.getByLabel("Email").pressSequentially("bob@example.com");
      // Long enough for the browser's minlength check; the pool's policy wants an uppercase letter too.
      await page.getByLabel("Password").pressSequentially("longenough");
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect(
        page.locator('[data-message-id="password.needs_uppercase"]').textContent(),
      ).resolves.toContain("uppercase");
      await expect(page.getByLabel("Email").inputValue()).resolves.toBe("bob@example.com");
      await screenshots(page, "signup-error");

      await page.getByLabel("Password").pressSequentially("B0b-Password!long");
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect(page.locator("h1").textContent()).resolves.toBe("Confirm your account");
      await expect(page.locator(".intro").textContent()).resolves.toMatch(/by email to b\*\*\*@e\*\*\*/);
      await screenshots(page, "confirm-signup");

      await page.getByLabel("Verification code").pressSequentially("000000");
      await page.getByRole("button", { name: "Confirm account" }).click();
      await expect(page.locator('[data-message-id="code.mismatch"]').isVisible()).resolves.toBe(true);

      const code = await latestCode(server.dataDir, "bob@example.com");
      await page.getByLabel("Verification code").pressSequentially(code);
      await page.getByRole("button", { name: "Confirm account" }).click();
      await page.waitForURL((url) => url.href.startsWith(callback.callbackUrl));
      const exchanged = await exchangeCode(pool.base, {
        clientId: pool.clientId,
        code: new URL(page.url()).searchParams.get("code") ?? "",
        redirectUri: callback.callbackUrl,
        verifier: pkce.verifier,
      });
      expect(exchanged.status).toBe(200);
      const claims = decodeJwt(String(exchanged.body.id_token));
      expect(claims["cognito:username"]).toBe("bob");
      expect(claims.email_verified).toBe(true);
      const user = await server
        .adminClient()
        .send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: "bob" }));
      expect(user.UserStatus).toBe("CONFIRMED");
      for (const response of pages) expectHardened(response.headers());
    } finally {
      await browser.close();
    }
  });

  it("resets a forgotten password with the emailed code, then signs in with the new one", async () => {
    await createConfirmedUser(server.adminClient(), pool, "carol", "Old-Passw0rd!x", [
      { Name: "email", Value: "carol@example.com" },
      { Name: "email_verified", Value: "true" },
    ]);
    const browser = await openBrowser();
    try {
      const { page } = browser;
      const pkce = pkcePair();
      await page.goto(
        authorizeUrl(pool.base, {
          clientId: pool.clientId,
          redirectUri: callback.callbackUrl,
          state: "fp",
          challenge: pkce.challenge,
        }),
      );
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await expect(page.locator("h1").textContent()).resolves.toBe("Reset your password");
      await screenshots(page, "forgot-password");
      await page.getByLabel("Username").pressSequentially("carol");
      await page.getByRole("button", { name: "Send code" }).click();

      await expect(page.locator("h1").textContent()).resolves.toBe("Choose a new password");
      await expect(page.locator(".intro").textContent()).resolves.toMatch(/c\*\*\*@e\*\*\*/);
      await screenshots(page, "confirm-forgot-password");
      const code = await latestCode(server.dataDir, "carol@example.com");
      await page.getByLabel("Verification code").pressSequentially(code);
      await page.getByLabel("New password", { exact: true }).pressSequentially("N3w-Passw0rd!carol");
      await page.getByLabel("Enter the new password again").pressSequentially("N3w-Passw0rd!carol");
      await page.getByRole("button", { name: "Change password" }).click();

      await expect(page.locator('[data-message-id="notice.password_changed"]').isVisible()).resolves.toBe(
        true,
      );
      await expect(page.getByLabel("Username").inputValue()).resolves.toBe("carol");
      await screenshots(page, "login-notice");
      await page.getByLabel("Password").pressSequentially("N3w-Passw0rd!carol");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => url.href.startsWith(callback.callbackUrl));
      expect(new URL(page.url()).searchParams.get("state")).toBe("fp");
    } finally {
      await browser.close();
    }
  });

  it("refuses a form posted without this browser's CSRF cookie (403), and explains", async () => {
    const browser = await openBrowser();
    try {
      const { page, context } = browser;
      await page.goto(
        authorizeUrl(pool.base, {
          clientId: pool.clientId,
          redirectUri: callback.callbackUrl,
          state: "c",
          challenge: pkcePair().challenge,
        }),
      );
      await context.clearCookies();
      await page.getByLabel("Username").pressSequentially("alice");
      await page.getByLabel("Password").pressSequentially("whatever-it-is");
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.getByRole("button", { name: "Sign in" }).click(),
      ]);
      expect(response.status()).toBe(403);
      await expect(page.locator('[data-message-id="error.csrf"]').isVisible()).resolves.toBe(true);
      await screenshots(page, "csrf-error");
    } finally {
      await browser.close();
    }
  });

  it("signs up with the email as the username in an email-as-username pool", async () => {
    const emailPool = await hostedUiPool(server, callback, { UsernameAttributes: ["email"] });
    const query = new URL(
      authorizeUrl(emailPool.base, {
        clientId: emailPool.clientId,
        redirectUri: callback.callbackUrl,
        state: "e",
        challenge: pkcePair().challenge,
      }),
    ).search;
    const client = new FormClient();
    const form = await client.get(`${emailPool.base}/signup${query}`);
    const names = [...form.body.matchAll(/<input class="input[^>]* name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(["email", "password"]);
    expect(form.body).toContain('autocomplete="new-password"');
    const login = await client.get(`${emailPool.base}/login${query}`);
    expect(login.body).toMatch(/<label class="label label-customizable" for="field-username">Email<\/label>/);

    const posted = await client.post(`${emailPool.base}/signup${query}`, {
      _csrf: csrfFrom(form.body),
      email: "frank@example.com",
      password: "Fr4nk-Password!x",
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe(
      `/${emailPool.userPoolId}/confirm${query}&username=frank%40example.com`,
    );
    const code = await latestCode(server.dataDir, "frank@example.com");
    const confirmed = await client.post(`${emailPool.base}/confirm${query}`, {
      _csrf: csrfFrom(form.body),
      username: "frank@example.com",
      code,
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get("location")).toMatch(new RegExp(`^${callback.callbackUrl}\\?code=`));
    const user = await server
      .adminClient()
      .send(new AdminGetUserCommand({ UserPoolId: emailPool.userPoolId, Username: "frank@example.com" }));
    expect(user.UserStatus).toBe("CONFIRMED");
    expect(user.Username).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("confirms an account from the emailed link (CONFIRM_WITH_LINK) and explains a spent link", async () => {
    await server.adminClient().send(
      new UpdateUserPoolCommand({
        UserPoolId: pool.userPoolId,
        AutoVerifiedAttributes: ["email"],
        VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_LINK" },
      }),
    );
    const signUp = await server.postJson("SignUp", {
      ClientId: pool.clientId,
      Username: "dave",
      Password: "D4ve-Password!x",
      UserAttributes: [{ Name: "email", Value: "dave@example.com" }],
    });
    expect(signUp.status).toBe(200);
    const code = await latestCode(server.dataDir, "dave@example.com");
    // The emailed link is at the root of the public URL; the page finds the pool from client_id.
    const message = await latestMessage(server.dataDir, "dave@example.com");
    const link = /https?:\/\/[^\s<>()"]+\/confirmUser\?[^\s<>()"]+/.exec(message.body)?.[0] ?? "";
    expect(link).toContain(`confirmation_code=${code}`);
    const browser = await openBrowser();
    try {
      const { page } = browser;
      const first = await page.goto(link);
      expect(first?.status()).toBe(200);
      await expect(page.locator('[data-message-id="confirm_link.success"]').isVisible()).resolves.toBe(true);
      await screenshots(page, "confirm-user");
      const user = await server
        .adminClient()
        .send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: "dave" }));
      expect(user.UserStatus).toBe("CONFIRMED");

      const again = `${pool.base}/confirmUser?${new URLSearchParams({ client_id: pool.clientId, user_name: "dave", confirmation_code: "000000" })}`;
      const wrong = await page.goto(again);
      expect(wrong?.status()).toBe(200);
      await expect(page.locator('[data-message-id="confirm.already_confirmed"]').isVisible()).resolves.toBe(
        true,
      );
    } finally {
      await browser.close();
    }
  });
});
