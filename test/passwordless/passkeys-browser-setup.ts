import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll } from "vitest";
import { openBrowser, type TestBrowser } from "../oidc/support/browser.js";
import { type Backend, startTestServer, type TestServer } from "../support/server.js";
import { addVirtualAuthenticator, createPasswordlessPool } from "./support.js";

/** The parts of CredentialCreationOptions the tests read. */
export interface CreationOptions {
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  authenticatorSelection: Record<string, unknown>;
  pubKeyCredParams: Array<{ type: string; alg: number }>;
  excludeCredentials: Array<{ type: string; id: string; transports?: string[] }>;
}

/**
 * A server with a passwordless pool, and Chromium with a virtual authenticator on a page of the server at
 * http://localhost:<port> (RP id "localhost"), for the tests of the enclosing describe block.
 */
export function usePasskeyBrowser(backend: Backend) {
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

  return {
    get server() {
      return server;
    },
    get admin() {
      return admin;
    },
    get browser() {
      return browser;
    },
    get ids() {
      return ids;
    },
    get origin() {
      return origin;
    },
    get virtual() {
      return virtual;
    },
  };
}
