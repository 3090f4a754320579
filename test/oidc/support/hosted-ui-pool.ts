import type {
  CreateUserPoolClientCommandInput,
  CreateUserPoolCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Page, Response } from "playwright-core";
import { expect } from "vitest";
import { createPoolAndClient } from "../../support/pool-setup.js";
import type { TestServer } from "../../support/server.js";
import type { CallbackServer } from "./callback-server.js";

// A pool set up for the hosted UI: usernames, a required email that codes go to, and a public app client
// allowed to use the authorization-code grant towards the test's callback server.

export interface HostedUiPool {
  userPoolId: string;
  clientId: string;
  /** The issuer path: every endpoint and page lives under it. */
  base: string;
}

export async function hostedUiPool(
  server: TestServer,
  callback: CallbackServer,
  pool: Partial<CreateUserPoolCommandInput> = {},
  client: Partial<CreateUserPoolClientCommandInput> = {},
): Promise<HostedUiPool> {
  const ids = await createPoolAndClient(
    server.adminClient(),
    {
      AutoVerifiedAttributes: ["email"],
      Schema: [{ Name: "email", AttributeDataType: "String", Required: true, Mutable: true }],
      ...pool,
    },
    {
      CallbackURLs: [callback.callbackUrl],
      LogoutURLs: [callback.logoutUrl],
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "email", "profile"],
      AllowedOAuthFlowsUserPoolClient: true,
      SupportedIdentityProviders: ["COGNITO"],
      ...client,
    },
  );
  return { userPoolId: ids.userPoolId, clientId: ids.clientId, base: `${server.url}/${ids.userPoolId}` };
}

/** S13: the headers every hosted-UI HTML response must carry. */
export function expectHardened(headers: Record<string, string> | Headers): void {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]) ?? undefined;
  expect(get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
  expect(get("content-security-policy")).toMatch(/default-src 'none'/);
  expect(get("x-content-type-options")).toBe("nosniff");
  expect(get("referrer-policy")).toBe("no-referrer");
  expect(get("cross-origin-opener-policy")).toBe("same-origin");
  expect(get("x-frame-options")).toBe("DENY");
  expect(get("access-control-allow-origin")).toBeUndefined();
}

/** Records every hosted-UI HTML page the browser loads, to check their headers afterwards. */
export function recordPages(page: Page, base: string): Response[] {
  const seen: Response[] = [];
  page.on("response", (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (response.url().startsWith(base) && type.startsWith("text/html")) seen.push(response);
  });
  return seen;
}
