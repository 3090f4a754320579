import { describe, expect, it } from "vitest";
import { createSigV4Verifier } from "../../src/http/cognito-json/sigv4.js";
import {
  ADMIN,
  fixedClock,
  INVALID_SIGNATURE_MESSAGE,
  NOW,
  rejection,
  signedRequest,
  verifier,
  withHeaders,
} from "./sigv4-fixture.js";

describe("SigV4 verification of requests signed by @smithy/signature-v4", () => {
  it("accepts a JSON body", async () => {
    const request = await signedRequest();
    expect(request.headers["x-amz-content-sha256"]).toMatch(/^[0-9a-f]{64}$/);
    expect(() => verifier()(request)).not.toThrow();
  });

  it("accepts a body with non-ASCII characters", async () => {
    const request = await signedRequest({ body: '{"PoolName":"naïve ✓ 池 🚀","Note":"Zoë\\u00e9"}' });
    expect(() => verifier()(request)).not.toThrow();
  });

  it("accepts an empty body, with and without x-amz-content-sha256", async () => {
    const withChecksum = await signedRequest({ body: "" });
    expect(withChecksum.headers["x-amz-content-sha256"]).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(() => verifier()(withChecksum)).not.toThrow();
    const withoutChecksum = await signedRequest({ body: "", applyChecksum: false });
    expect(withoutChecksum.headers["x-amz-content-sha256"]).toBeUndefined();
    expect(() => verifier()(withoutChecksum)).not.toThrow();
  });

  it("accepts a request signed 4 minutes ago or 4 minutes ahead", async () => {
    const old = await signedRequest({ signingDate: new Date(NOW.getTime() - 4 * 60_000) });
    expect(() => verifier()(old)).not.toThrow();
    const ahead = await signedRequest({ signingDate: new Date(NOW.getTime() + 4 * 60_000) });
    expect(() => verifier()(ahead)).not.toThrow();
  });

  it("accepts any of several configured credentials", async () => {
    const other = { accessKeyId: "AKIDSECOND", secretAccessKey: "second-secret" };
    const verify = createSigV4Verifier({
      service: "cognito-idp",
      region: "us-east-1",
      clock: fixedClock(NOW),
      credentials: [ADMIN, other],
    });
    const request = await signedRequest({ credentials: other });
    expect(() => verify(request)).not.toThrow();
  });
});

describe("SigV4 rejections", () => {
  it("rejects a request without Authorization as MissingAuthenticationTokenException", async () => {
    const request = withHeaders(await signedRequest(), { authorization: undefined });
    const error = rejection(() => verifier()(request));
    expect([error.code, error.message, error.statusCode]).toEqual([
      "MissingAuthenticationTokenException",
      "Missing Authentication Token",
      400,
    ]);
  });

  it("rejects an unknown access key as UnrecognizedClientException", async () => {
    const request = await signedRequest({
      credentials: { accessKeyId: "AKIDUNKNOWN", secretAccessKey: "x" },
    });
    const error = rejection(() => verifier()(request));
    expect([error.code, error.message]).toEqual([
      "UnrecognizedClientException",
      "The security token included in the request is invalid.",
    ]);
  });

  it("rejects a wrong secret as InvalidSignatureException with AWS's message", async () => {
    const request = await signedRequest({ credentials: { ...ADMIN, secretAccessKey: "wrong" } });
    const error = rejection(() => verifier()(request));
    expect([error.code, error.message, error.statusCode]).toEqual([
      "InvalidSignatureException",
      INVALID_SIGNATURE_MESSAGE,
      400,
    ]);
  });

  it("rejects a body changed after signing", async () => {
    const request = await signedRequest({ body: '{"MaxResults":10}', applyChecksum: false });
    const error = rejection(() => verifier()({ ...request, rawBody: '{"MaxResults":11}' }));
    expect([error.code, error.message]).toEqual(["InvalidSignatureException", INVALID_SIGNATURE_MESSAGE]);
  });

  it("rejects an x-amz-content-sha256 that is not the body's hash", async () => {
    const request = await signedRequest();
    const error = rejection(() => verifier()({ ...request, rawBody: '{"MaxResults":60}' }));
    expect([error.code, error.message]).toEqual([
      "InvalidSignatureException",
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    ]);
  });

  it("rejects a changed signed header and a truncated or non-hex signature", async () => {
    const request = await signedRequest();
    const changed = withHeaders(request, {
      "x-amz-target": "AWSCognitoIdentityProviderService.DeleteUserPool",
    });
    expect(rejection(() => verifier()(changed)).message).toBe(INVALID_SIGNATURE_MESSAGE);
    const authorization = String(request.headers.authorization);
    for (const signature of ["abc", "z".repeat(64), `${"0".repeat(63)}1`]) {
      const forged = withHeaders(request, {
        authorization: authorization.replace(/Signature=\w+/, `Signature=${signature}`),
      });
      expect(rejection(() => verifier()(forged)).code).toBe("InvalidSignatureException");
    }
  });

  it("rejects a signature more than 5 minutes old with AWS's message", async () => {
    const request = await signedRequest({ signingDate: new Date(NOW.getTime() - 10 * 60_000) });
    const error = rejection(() => verifier()(request));
    expect([error.code, error.message]).toEqual([
      "InvalidSignatureException",
      "Signature expired: 20260314T145926Z is now earlier than 20260314T150426Z (20260314T150926Z - 5 min.)",
    ]);
  });

  it("rejects a signature more than 5 minutes in the future with AWS's message", async () => {
    const request = await signedRequest({ signingDate: new Date(NOW.getTime() + 6 * 60_000) });
    const error = rejection(() => verifier()(request));
    expect([error.code, error.message]).toEqual([
      "InvalidSignatureException",
      "Signature not yet current: 20260314T151526Z is still later than 20260314T151426Z (20260314T150926Z + 5 min.)",
    ]);
  });

  it("rejects a credential scoped to another region or service", async () => {
    const otherRegion = await signedRequest({ region: "eu-west-1" });
    const regionError = rejection(() => verifier()(otherRegion));
    expect([regionError.code, regionError.message]).toEqual([
      "InvalidSignatureException",
      "Credential should be scoped to a valid region, not 'eu-west-1'.",
    ]);
    const otherService = await signedRequest({ service: "cognito-identity" });
    expect(rejection(() => verifier()(otherService)).message).toBe(
      "Credential should be scoped to correct service: 'cognito-idp'.",
    );
  });

  it("rejects a scope date other than the day of X-Amz-Date", async () => {
    const request = await signedRequest();
    const authorization = String(request.headers.authorization).replace("/20260314/", "/20260313/");
    const error = rejection(() => verifier()(withHeaders(request, { authorization })));
    expect([error.code, error.message]).toEqual([
      "InvalidSignatureException",
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260313' != '20260314', from '20260314T150926Z'.",
    ]);
  });

  it("requires host and x-amz-date to be signed", async () => {
    const request = await signedRequest();
    const authorization = String(request.headers.authorization);
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1] ?? "";
    expect(signedHeaders.split(";")).toEqual(expect.arrayContaining(["host", "x-amz-date"]));
    const withoutHost = authorization.replace(
      `SignedHeaders=${signedHeaders}`,
      `SignedHeaders=${signedHeaders.replace("host;", "")}`,
    );
    expect(rejection(() => verifier()(withHeaders(request, { authorization: withoutHost }))).message).toBe(
      "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    );
    const withoutDate = authorization.replace(
      `SignedHeaders=${signedHeaders}`,
      `SignedHeaders=${signedHeaders.replace(";x-amz-date", "")}`,
    );
    expect(rejection(() => verifier()(withHeaders(request, { authorization: withoutDate }))).message).toBe(
      "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.",
    );
  });

  it("rejects malformed Authorization headers as IncompleteSignatureException", async () => {
    const request = await signedRequest();
    const cases: [string, RegExp][] = [
      ["Bearer abc.def.ghi", /Unsupported AWS 'algorithm': 'Bearer'/],
      [
        "AWS4-HMAC-SHA256",
        /requires 'Credential' parameter.*requires 'Signature' parameter.*requires 'SignedHeaders'/,
      ],
      [
        `AWS4-HMAC-SHA256 Credential=${ADMIN.accessKeyId}/20260314/us-east-1/cognito-idp/aws4_request, Signature=ab`,
        /requires 'SignedHeaders' parameter/,
      ],
      [
        "AWS4-HMAC-SHA256 Credential AKID, SignedHeaders=host, Signature=ab",
        /'Credential AKID' not a valid key=value pair \(missing equal-sign\)/,
      ],
      [
        "AWS4-HMAC-SHA256 Credential=AKID/20260314, SignedHeaders=host, Signature=ab",
        /Credential must be AccessKeyId\/YYYYMMDD\/region\/service\/aws4_request/,
      ],
    ];
    for (const [authorization, message] of cases) {
      const error = rejection(() => verifier()(withHeaders(request, { authorization })));
      expect(error.code).toBe("IncompleteSignatureException");
      expect(error.message).toMatch(message);
      expect(error.statusCode).toBe(400);
    }
  });

  it("requires X-Amz-Date or Date, in the right format", async () => {
    const request = await signedRequest();
    const noDate = rejection(() => verifier()(withHeaders(request, { "x-amz-date": undefined })));
    expect([noDate.code, noDate.message]).toEqual([
      "IncompleteSignatureException",
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    ]);
    const badDate = rejection(() =>
      verifier()(withHeaders(request, { "x-amz-date": "2026-03-14T15:09:26Z" })),
    );
    expect([badDate.code, badDate.message]).toEqual([
      "IncompleteSignatureException",
      "Date must be in ISO-8601 'basic format'. Got '2026-03-14T15:09:26Z'. For example: 20150830T123600Z.",
    ]);
  });

  it("rejects a scope terminator other than aws4_request", async () => {
    const request = await signedRequest();
    const authorization = String(request.headers.authorization).replace("/aws4_request", "/aws5_request");
    expect(rejection(() => verifier()(withHeaders(request, { authorization }))).message).toBe(
      "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.",
    );
  });
});
