import { describe, expect, it } from "vitest";
import { verifySignature } from "../../examples/triggers/lib/serve-as-webhook.mjs";
import { parseLocation } from "../../src/integrations/lambda/function-location.js";
import { isPrivateAddress } from "../../src/integrations/lambda/webhook-address-policy.js";
import { webhookSignature } from "../../src/integrations/lambda/webhook-invoker.js";

describe("where a LambdaConfig value points", () => {
  it("resolves Lambda ARNs (with or without a qualifier) in the triggers directory", () => {
    expect(
      parseLocation("arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up", "/srv/triggers"),
    ).toEqual({
      kind: "module",
      functionName: "pre-sign-up",
      candidates: [
        "/srv/triggers/pre-sign-up.mjs",
        "/srv/triggers/pre-sign-up.js",
        "/srv/triggers/pre-sign-up.cjs",
      ],
      arn: "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up",
    });
    expect(parseLocation("arn:aws:lambda:eu-west-1:123456789012:function:fn:live", "/t")).toMatchObject({
      functionName: "fn",
      candidates: ["/t/fn.mjs", "/t/fn.js", "/t/fn.cjs"],
    });
  });

  it("takes file:// URLs as they are and http(s) URLs as webhooks; anything else is not runnable", () => {
    expect(parseLocation("file:///opt/hooks/migrate.cjs", "/t")).toMatchObject({
      kind: "module",
      functionName: "migrate",
      candidates: ["/opt/hooks/migrate.cjs"],
    });
    expect(parseLocation("https://hooks.example.com/cognito?x=1", "/t")).toMatchObject({ kind: "webhook" });
    expect(parseLocation("arn:aws:sns:us-east-1:123456789012:topic", "/t")).toBeUndefined();
    expect(
      parseLocation("arn:aws:lambda:us-east-1:123456789012:function:../../etc/passwd", "/t"),
    ).toBeUndefined();
  });
});

describe("the webhook address policy", () => {
  it.each([
    ["127.0.0.1", true],
    ["10.0.0.8", true],
    ["172.31.255.255", true],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["224.0.0.1", true],
    ["::1", true],
    ["fd00::1", true],
    ["fe80::1", true],
    ["::ffff:10.0.0.1", true],
    ["not-an-ip", true],
    ["93.184.216.34", false],
    ["8.8.8.8", false],
    ["2606:4700:4700::1111", false],
    ["::ffff:8.8.4.4", false],
  ])("%s is private: %s", (address, blocked) => {
    expect(isPrivateAddress(address)).toBe(blocked);
  });
});

describe("webhook signatures", () => {
  it("are verified by the helper webhook authors use, and only with the right secret, body and time", () => {
    const body = JSON.stringify({ triggerSource: "PreSignUp_SignUp" });
    const header = webhookSignature("pool-secret-0123456789", 1_900_000_000, body);
    expect(header).toMatch(/^t=1900000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature("pool-secret-0123456789", header, body, 1_900_000_010)).toBe(true);
    expect(verifySignature("another-secret-0123456789", header, body, 1_900_000_010)).toBe(false);
    expect(verifySignature("pool-secret-0123456789", header, `${body} `, 1_900_000_010)).toBe(false);
    expect(verifySignature("pool-secret-0123456789", header, body, 1_900_001_000)).toBe(false);
    expect(verifySignature("pool-secret-0123456789", undefined, body, 1_900_000_010)).toBe(false);
  });
});
