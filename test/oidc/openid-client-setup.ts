import * as client from "openid-client";
import { afterAll, beforeAll } from "vitest";
import type { Backend } from "../support/server.js";
import { useTestServer } from "../support/suite-server.js";
import { createOAuthFixture, type OAuthFixture } from "./oauth2-setup.js";

export const insecure = { execute: [client.allowInsecureRequests] };

/** A server and its OAuth fixture for the enclosing describe block; `discover` runs openid-client's discovery. */
export function useOpenIdProvider(backend: Backend) {
  const ctx = useTestServer({ backend });
  let fixture: OAuthFixture;
  const discover = (clientId: string, auth: client.ClientAuth = client.None()) =>
    client.discovery(new URL(fixture.issuer), clientId, undefined, auth, insecure);

  beforeAll(async () => {
    fixture = await createOAuthFixture(ctx.server);
  });
  afterAll(async () => {
    await fixture?.application.close();
  });

  return {
    get server() {
      return ctx.server;
    },
    get fixture() {
      return fixture;
    },
    discover,
  };
}
