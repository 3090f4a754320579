import { describe, expect, it } from "vitest";
import {
  newUserPoolId,
  parseUserPoolArn,
  partitionOf,
  randomBase62,
  userPoolArn,
} from "../../src/domain/user-pool/pool-id.js";

/** A byte source that replays `bytes` in order, cycling. */
const replay = (bytes: number[]) => {
  let next = 0;
  return (length: number) => Uint8Array.from({ length }, () => bytes[next++ % bytes.length]!);
};

describe("user pool ids", () => {
  it("are {region}_ followed by 9 base62 characters", () => {
    const id = newUserPoolId("eu-west-2", (length) => new Uint8Array(length).map((_, i) => i * 37));
    expect(id).toMatch(/^eu-west-2_[0-9A-Za-z]{9}$/);
  });

  it("maps bytes below 248 onto base62 and redraws the rest, so no character is favoured", () => {
    expect(randomBase62(replay([0, 61, 62, 247, 248, 255, 10]), 5)).toBe("0z0zA");
    const counts = new Map<string, number>();
    const everyByte = replay(Array.from({ length: 256 }, (_, i) => i));
    for (const character of randomBase62(everyByte, 62 * 4 * 10)) {
      counts.set(character, (counts.get(character) ?? 0) + 1);
    }
    expect(counts.size).toBe(62);
    expect(new Set(counts.values())).toEqual(new Set([40]));
  });

  it("differ from draw to draw with a real random source", async () => {
    const { randomBytes } = await import("node:crypto");
    const ids = new Set(Array.from({ length: 200 }, () => newUserPoolId("us-east-1", (n) => randomBytes(n))));
    expect(ids.size).toBe(200);
  });
});

describe("user pool ARNs", () => {
  it("follow AWS's format, with the partition of the region", () => {
    expect(userPoolArn("us-east-1", "123456789012", "us-east-1_AbC123xyz")).toBe(
      "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC123xyz",
    );
    expect(partitionOf("cn-north-1")).toBe("aws-cn");
    expect(partitionOf("us-gov-west-1")).toBe("aws-us-gov");
    expect(userPoolArn("cn-north-1", "1", "cn-north-1_X")).toBe(
      "arn:aws-cn:cognito-idp:cn-north-1:1:userpool/cn-north-1_X",
    );
  });

  it("parse back to their parts; other ARNs parse to nothing", () => {
    expect(
      parseUserPoolArn("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC123xyz"),
    ).toEqual({
      partition: "aws",
      region: "us-east-1",
      accountId: "123456789012",
      userPoolId: "us-east-1_AbC123xyz",
    });
    for (const other of [
      "arn:aws:lambda:us-east-1:123456789012:function:f",
      "arn:aws:cognito-idp:us-east-1:123456789012:userpool/",
      "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC/extra",
      "not an arn",
    ]) {
      expect(parseUserPoolArn(other)).toBeUndefined();
    }
  });
});
