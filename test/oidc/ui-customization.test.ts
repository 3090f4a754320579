import {
  GetUICustomizationCommand,
  InvalidParameterException,
  ResourceNotFoundException,
  SetUICustomizationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPoolAndClient } from "../support/pool-setup.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { openBrowser, screenshots } from "./support/browser.js";
import { type CallbackServer, startCallbackServer } from "./support/callback-server.js";
import { FormClient } from "./support/form-client.js";
import { type HostedUiPool, hostedUiPool } from "./support/hosted-ui-pool.js";
import { authorizeUrl, pkcePair } from "./support/oauth-client.js";
import { logoPng } from "./support/png.js";

// Get/SetUICustomization over the wire with the AWS SDK, and the branding reaching the pages: the pool's
// ("ALL") CSS and logo, a client's own replacing it, Cognito's class whitelist, and only accepted
// declarations served to browsers.

const backends = await testBackends();
const PNG = logoPng();
const CSS =
  ".submitButton-customizable { background-color: #8a1538; color: #ffffff; position: fixed; }\n" +
  ".banner-customizable { background-color: #f4e9ec; padding: 24px 16px 16px 16px; }";

describe.each(backends)("UI customization on %s", (backend) => {
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

  it("stores the pool's CSS and logo, returns them, and a client falls back to them", async () => {
    const admin = server.adminClient();
    const empty = await admin.send(new GetUICustomizationCommand({ UserPoolId: pool.userPoolId }));
    expect(empty.UICustomization).toEqual({ UserPoolId: pool.userPoolId, ClientId: "ALL" });

    const set = await admin.send(
      new SetUICustomizationCommand({ UserPoolId: pool.userPoolId, ClientId: "ALL", CSS, ImageFile: PNG }),
    );
    expect(set.UICustomization?.CSS).toBe(CSS);
    expect(set.UICustomization?.ImageUrl).toMatch(/\/hosted-ui\/branding\/.+\/ALL\/\d+\/logo\.png$/);
    expect(set.UICustomization?.CreationDate).toBeInstanceOf(Date);

    const forClient = await admin.send(
      new GetUICustomizationCommand({ UserPoolId: pool.userPoolId, ClientId: pool.clientId }),
    );
    expect(forClient.UICustomization?.ClientId).toBe("ALL");
    expect(forClient.UICustomization?.CSS).toBe(CSS);
    expect(forClient.UICustomization?.CSSVersion).toBe(set.UICustomization?.CSSVersion);

    const logoPath = new URL(set.UICustomization?.ImageUrl ?? "").pathname;
    const logo = await fetch(`${server.url}${logoPath}`);
    expect(logo.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await logo.arrayBuffer()).equals(PNG)).toBe(true);

    // The page links the customization; the served CSS keeps only Cognito's properties per class.
    const query = new URL(
      authorizeUrl(pool.base, {
        clientId: pool.clientId,
        redirectUri: callback.callbackUrl,
        state: "b",
        challenge: pkcePair().challenge,
      }),
    ).search;
    const page = await new FormClient().get(`${pool.base}/login${query}`);
    const cssPath = /href="(\/hosted-ui\/branding\/[^"]+\/custom\.css)"/.exec(page.body)?.[1] ?? "";
    expect(cssPath).not.toBe("");
    expect(page.body).toContain(`src="${logoPath}"`);
    const served = await (await fetch(`${server.url}${cssPath}`)).text();
    expect(served).toContain("background-color: #8a1538;");
    expect(served).not.toContain("position");

    const browser = await openBrowser();
    try {
      await browser.page.goto(`${pool.base}/login${query}`);
      type Styles = { getComputedStyle(element: unknown): { backgroundColor: string } };
      const background = await browser.page
        .getByRole("button", { name: "Sign in" })
        .evaluate((button) => (globalThis as unknown as Styles).getComputedStyle(button).backgroundColor);
      expect(background).toBe("rgb(138, 21, 56)");
      await screenshots(browser.page, "login-customized");
    } finally {
      await browser.close();
    }
  });

  it("lets a client's own customization replace the pool's", async () => {
    const admin = server.adminClient();
    await admin.send(new SetUICustomizationCommand({ UserPoolId: pool.userPoolId, CSS }));
    const own = ".background-customizable { background-color: #003366; }";
    await admin.send(
      new SetUICustomizationCommand({ UserPoolId: pool.userPoolId, ClientId: pool.clientId, CSS: own }),
    );
    const got = await admin.send(
      new GetUICustomizationCommand({ UserPoolId: pool.userPoolId, ClientId: pool.clientId }),
    );
    expect(got.UICustomization?.ClientId).toBe(pool.clientId);
    expect(got.UICustomization?.CSS).toBe(own);
    expect(got.UICustomization?.ImageUrl).toBeUndefined();
    const pooled = await admin.send(new GetUICustomizationCommand({ UserPoolId: pool.userPoolId }));
    expect(pooled.UICustomization?.CSS).toBe(CSS);
  });

  it("rejects CSS outside Cognito's rules, non-image logos, and unknown pools or clients", async () => {
    const admin = server.adminClient();
    for (const css of [
      ".my-own-class { color: red; }",
      "@import url(https://evil.example/x.css);",
      ".label-customizable { background: url(https://evil.example/x.png); }",
      "body { color: red; }",
      ".label-customizable { color: red; ",
      ".label-customizable { color: red</style><script>alert(1)</script>; }",
    ]) {
      await expect(
        admin.send(new SetUICustomizationCommand({ UserPoolId: pool.userPoolId, CSS: css })),
        css,
      ).rejects.toBeInstanceOf(InvalidParameterException);
    }
    await expect(
      admin.send(
        new SetUICustomizationCommand({ UserPoolId: pool.userPoolId, ImageFile: Buffer.from("<svg></svg>") }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(
      admin.send(
        new SetUICustomizationCommand({
          UserPoolId: "us-east-1_Nope12345",
          CSS: ".label-customizable{font-weight:700}",
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      admin.send(new GetUICustomizationCommand({ UserPoolId: pool.userPoolId, ClientId: "nosuchclient123" })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    const other = await createPoolAndClient(admin);
    await expect(
      admin.send(
        new SetUICustomizationCommand({ UserPoolId: pool.userPoolId, ClientId: other.clientId, CSS: "" }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
