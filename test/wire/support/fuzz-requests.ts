import { SignatureV4 } from "@smithy/signature-v4";
import { expect } from "vitest";
import { UNSIGNED_COGNITO_IDP_ACTIONS } from "../../../src/http/cognito-json/cognito-idp-actions.js";
import { NodeSha256 } from "../../support/node-sha256.js";
import type { TestServer } from "../../support/server.js";
import type { Body } from "./fuzz-bodies.js";

// Raw, signed requests for the fuzz test, and the check that every answer is well formed.

export async function post(server: TestServer, region: string, target: string, body: string) {
  const url = new URL(server.url);
  const headers: Record<string, string> = {
    host: url.host,
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": `AWSCognitoIdentityProviderService.${target}`,
  };
  const signer = new SignatureV4({
    service: "cognito-idp",
    region,
    credentials: server.adminCredentials,
    sha256: NodeSha256,
  });
  const unsigned = UNSIGNED_COGNITO_IDP_ACTIONS.has(target as never);
  const request = {
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: "/",
    query: {},
    headers,
    body,
  };
  const sent = unsigned ? request : await signer.sign(request);
  const { host: _host, ...sentHeaders } = sent.headers;
  const response = await fetch(`${server.url}/`, { method: "POST", headers: sentHeaders, body });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

export function expectWellFormed(target: string, body: Body, response: Awaited<ReturnType<typeof post>>) {
  const context = `${target} ${body.kind} ${body.text.slice(0, 300)} → ${response.status} ${response.body.slice(0, 300)}`;
  expect(response.status, context).toBeLessThan(500);
  const parsed: unknown = JSON.parse(response.body);
  if (response.status === 200) {
    expect(typeof parsed === "object" && parsed !== null && !Array.isArray(parsed), context).toBe(true);
    return;
  }
  expect(response.headers.get("x-amzn-errortype"), context).toMatch(/^\w+:?/);
  expect(parsed, context).toEqual({ __type: expect.any(String), message: expect.any(String) });
  if (body.kind === "not an object" || body.kind === "not JSON") {
    expect(response.status, context).toBe(400);
    expect(parsed, context).toMatchObject({ __type: "SerializationException" });
    expect(response.headers.get("x-amzn-errortype"), context).toMatch(/^SerializationException/);
  }
}
