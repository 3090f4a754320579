import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll } from "vitest";
import { startTestServer, type TestServer, type TestServerOptions } from "./server.js";

/** The server of a describe block, readable once its beforeAll has run. */
export interface SuiteServer {
  readonly server: TestServer;
  /** SDK client signed with the admin credentials; a test may replace it (after `server.restart()`). */
  cognito: CognitoIdentityProviderClient;
}

/**
 * Starts a test server before the tests of the describe block it is called in, and stops it after them.
 * `options` may be a function, to read values that only exist once other beforeAll hooks have run.
 */
export function useTestServer(options: TestServerOptions | (() => TestServerOptions)): SuiteServer {
  let server: TestServer | undefined;
  let cognito: CognitoIdentityProviderClient | undefined;
  beforeAll(async () => {
    server = await startTestServer(typeof options === "function" ? options() : options);
    cognito = server.adminClient();
  });
  afterAll(async () => {
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the test server is not started yet");
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get cognito() {
      return started(cognito);
    },
    set cognito(client) {
      cognito = client;
    },
  };
}

/** `suite` with the members of `more` added to it; getters stay getters (Object.assign would read them now). */
export function extendSuite<T extends object>(suite: SuiteServer, more: T): SuiteServer & T {
  return Object.defineProperties(suite, Object.getOwnPropertyDescriptors(more)) as SuiteServer & T;
}
