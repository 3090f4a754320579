import { describe, expect, it } from "vitest";
import type { JsonRequest } from "../../src/http/cognito-json/json-protocol.js";
import { createSigV4Verifier } from "../../src/http/cognito-json/sigv4.js";
import { fixedClock, rejection, withHeaders } from "./sigv4-fixture.js";

/**
 * Vectors from the AWS Signature Version 4 test suite (docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html):
 * each is the suite's signed request (.sreq), verified with the suite's credentials at its signing time.
 */
const SUITE_CREDENTIALS = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const SUITE_AUTH =
  "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
const SUITE_HEAD = "Host:example.amazonaws.com\nX-Amz-Date:20150830T123600Z";
const STS_TOKEN =
  "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
const BASIC = "SignedHeaders=host;x-amz-date";
const MY1 = "SignedHeaders=host;my-header1;x-amz-date";

const SUITE: Record<string, string> = {
  "get-vanilla": `GET / HTTP/1.1\n${SUITE_HEAD}\n${SUITE_AUTH}, ${BASIC}, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31`,
  "get-vanilla-query-order-key-case": `GET /?Param2=value2&Param1=value1 HTTP/1.1\n${SUITE_HEAD}\n${SUITE_AUTH}, ${BASIC}, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500`,
  "get-vanilla-query-order-value": `GET /?Param1=value2&Param1=value1 HTTP/1.1\n${SUITE_HEAD}\n${SUITE_AUTH}, ${BASIC}, Signature=5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694`,
  "get-vanilla-query-unreserved": `GET /?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz HTTP/1.1\n${SUITE_HEAD}\n${SUITE_AUTH}, ${BASIC}, Signature=9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197`,
  "get-vanilla-utf8-query": `GET /?ሴ=bar HTTP/1.1\n${SUITE_HEAD}\n${SUITE_AUTH}, ${BASIC}, Signature=2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04`,
  "get-vanilla-empty-query-key": `GET /?Param1=value1 HTTP/1.1\n${SUITE_HEAD}\n${SUITE_AUTH}, ${BASIC}, Signature=a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb`,
  "get-unreserved": `GET /-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz HTTP/1.1\n${SUITE_HEAD}\n${SUITE_AUTH}, ${BASIC}, Signature=07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f`,
  "get-utf8": `GET /ሴ HTTP/1.1\n${SUITE_HEAD}\n${SUITE_AUTH}, ${BASIC}, Signature=8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85`,
  "get-header-key-duplicate": `GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value2\nMy-Header1:value2\nMy-Header1:value1\nX-Amz-Date:20150830T123600Z\n${SUITE_AUTH}, ${MY1}, Signature=c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea`,
  "get-header-value-order": `GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value4\nMy-Header1:value1\nMy-Header1:value3\nMy-Header1:value2\nX-Amz-Date:20150830T123600Z\n${SUITE_AUTH}, ${MY1}, Signature=08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01`,
  "get-header-value-trim": `GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1: value1\nMy-Header2: "a   b   c"\nX-Amz-Date:20150830T123600Z\n${SUITE_AUTH}, SignedHeaders=host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736`,
  "post-vanilla": `POST / HTTP/1.1\n${SUITE_HEAD}\n${SUITE_AUTH}, ${BASIC}, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b`,
  "post-vanilla-empty-query-value": `POST /?Param1=value1 HTTP/1.1\n${SUITE_HEAD}\n${SUITE_AUTH}, ${BASIC}, Signature=28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11`,
  "post-header-key-sort": `POST / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value1\nX-Amz-Date:20150830T123600Z\n${SUITE_AUTH}, ${MY1}, Signature=c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c`,
  "post-header-value-case": `POST / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:VALUE1\nX-Amz-Date:20150830T123600Z\n${SUITE_AUTH}, ${MY1}, Signature=cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d`,
  "post-x-www-form-urlencoded": `POST / HTTP/1.1\nContent-Type:application/x-www-form-urlencoded\n${SUITE_HEAD}\n${SUITE_AUTH}, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a\n\nParam1=value1`,
  "post-x-www-form-urlencoded-parameters": `POST / HTTP/1.1\nContent-Type:application/x-www-form-urlencoded; charset=utf8\n${SUITE_HEAD}\n${SUITE_AUTH}, SignedHeaders=content-type;host;x-amz-date, Signature=1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe\n\nParam1=value1`,
  "post-sts-header-before": `POST / HTTP/1.1\n${SUITE_HEAD}\nX-Amz-Security-Token:${STS_TOKEN}\n${SUITE_AUTH}, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead`,
  "normalize-path/get-relative-relative": `GET /example1/example2/../.. HTTP/1.1\n${SUITE_HEAD}\n${SUITE_AUTH}, ${BASIC}, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31`,
  "normalize-path/get-slash-dot-slash": `GET /./ HTTP/1.1\n${SUITE_HEAD}\n${SUITE_AUTH}, ${BASIC}, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31`,
  "normalize-path/get-space": `GET /example space/ HTTP/1.1\n${SUITE_HEAD}\n${SUITE_AUTH}, ${BASIC}, Signature=652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741`,
  "normalize-path/get-slashes": `GET //example// HTTP/1.1\n${SUITE_HEAD}\n${SUITE_AUTH}, ${BASIC}, Signature=9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84`,
};

/** Parses a raw HTTP/1.1 request of the suite; repeated headers become arrays. */
function parseRawRequest(raw: string): JsonRequest {
  const [head = "", body = ""] = raw.split("\n\n");
  const [requestLine = "", ...headerLines] = head.split("\n");
  const [method = "", target = ""] = requestLine.split(" ");
  const lastSpace = requestLine.lastIndexOf(" ");
  const fullTarget = requestLine.slice(method.length + 1, lastSpace) || target;
  const question = fullTarget.indexOf("?");
  const headers: Record<string, string | string[]> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1);
    const existing = headers[name];
    headers[name] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return {
    method,
    path: question < 0 ? fullTarget : fullTarget.slice(0, question),
    rawQuery: question < 0 ? "" : fullTarget.slice(question + 1),
    headers,
    rawBody: body,
    sourceIp: "127.0.0.1",
    requestId: "r",
  };
}

describe("AWS Signature Version 4 test suite", () => {
  const verifySuite = createSigV4Verifier({
    service: "service",
    region: "us-east-1",
    clock: fixedClock(new Date("2015-08-30T12:36:00Z")),
    credentials: [SUITE_CREDENTIALS],
  });

  it.each(Object.keys(SUITE))("%s verifies, and fails with one signature digit changed", (name) => {
    const request = parseRawRequest(SUITE[name]!);
    expect(() => verifySuite(request)).not.toThrow();
    const authorization = String(request.headers.authorization);
    const last = authorization.at(-1) === "0" ? "1" : "0";
    const tampered = withHeaders(request, { authorization: `${authorization.slice(0, -1)}${last}` });
    expect(rejection(() => verifySuite(tampered)).code).toBe("InvalidSignatureException");
  });
});
