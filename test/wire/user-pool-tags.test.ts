import {
  type CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();

describe.each(backends)("user pool tags on %s", (backend) => {
  let server: TestServer;
  let cognito: CognitoIdentityProviderClient;
  beforeAll(async () => {
    server = await startTestServer({ backend });
    cognito = server.adminClient();
  });
  afterAll(async () => {
    await server.stop();
  });

  const tagsOf = async (ResourceArn: string) =>
    (await cognito.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags;

  it("tags round-trip through TagResource, UntagResource, ListTagsForResource and DescribeUserPool", async () => {
    const created = (
      await cognito.send(
        new CreateUserPoolCommand({ PoolName: "tagged", UserPoolTags: { env: "test", team: "id" } }),
      )
    ).UserPool!;
    const arn = created.Arn!;
    expect(arn).toBe(`arn:aws:cognito-idp:us-east-1:000000000000:userpool/${created.Id}`);
    expect(await tagsOf(arn)).toEqual({ env: "test", team: "id" });

    await cognito.send(new TagResourceCommand({ ResourceArn: arn, Tags: { env: "prod", cost: "" } }));
    expect(await tagsOf(arn)).toEqual({ env: "prod", team: "id", cost: "" });

    await cognito.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["team", "not-there"] }));
    expect(await tagsOf(arn)).toEqual({ env: "prod", cost: "" });
    const described = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: created.Id! })))
      .UserPool!;
    expect(described.UserPoolTags).toEqual({ env: "prod", cost: "" });
    // Tags are not configuration: tagging leaves LastModifiedDate alone.
    expect(described.LastModifiedDate).toEqual(created.LastModifiedDate);

    await cognito.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["env", "cost"] }));
    expect(await tagsOf(arn)).toEqual({});
    const untagged = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: created.Id! }))).UserPool!;
    expect(untagged).not.toHaveProperty("UserPoolTags");
  });

  it("an untagged pool lists no tags, and tags survive a restart", async () => {
    const arn = (await cognito.send(new CreateUserPoolCommand({ PoolName: "plain" }))).UserPool!.Arn!;
    expect(await tagsOf(arn)).toEqual({});
    await cognito.send(new TagResourceCommand({ ResourceArn: arn, Tags: { kept: "yes" } }));
    await server.restart();
    cognito = server.adminClient();
    expect(await tagsOf(arn)).toEqual({ kept: "yes" });
  });

  it("a pool holds at most 50 tags", async () => {
    const arn = (await cognito.send(new CreateUserPoolCommand({ PoolName: "full" }))).UserPool!.Arn!;
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, `v${i}`]));
    await cognito.send(new TagResourceCommand({ ResourceArn: arn, Tags: fifty }));
    await expect(
      cognito.send(new TagResourceCommand({ ResourceArn: arn, Tags: { oneMore: "x" } })),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "A user pool can have at most 50 tags.",
    });
    expect(Object.keys((await tagsOf(arn)) ?? {})).toHaveLength(50);
    await expect(
      cognito.send(
        new CreateUserPoolCommand({ PoolName: "too-many", UserPoolTags: { ...fifty, extra: "x" } }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "A user pool can have at most 50 tags.",
    });
  });

  it("an ARN that names no pool here is ResourceNotFoundException", async () => {
    const missing = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Missing00";
    const notFound = {
      name: "ResourceNotFoundException",
      message: "User pool us-east-1_Missing00 does not exist.",
    };
    await expect(
      cognito.send(new ListTagsForResourceCommand({ ResourceArn: missing })),
    ).rejects.toMatchObject(notFound);
    await expect(
      cognito.send(new TagResourceCommand({ ResourceArn: missing, Tags: { a: "b" } })),
    ).rejects.toMatchObject(notFound);
    await expect(
      cognito.send(new UntagResourceCommand({ ResourceArn: missing, TagKeys: ["a"] })),
    ).rejects.toMatchObject(notFound);
    const created = (await cognito.send(new CreateUserPoolCommand({ PoolName: "elsewhere" }))).UserPool!;
    for (const foreign of [
      created.Arn!.replace(":000000000000:", ":123456789012:"),
      created.Arn!.replace(":us-east-1:", ":eu-west-1:"),
      "arn:aws:lambda:us-east-1:000000000000:function:f",
    ]) {
      await expect(
        cognito.send(new ListTagsForResourceCommand({ ResourceArn: foreign })),
      ).rejects.toMatchObject({
        name: "ResourceNotFoundException",
        message: `Resource ${foreign} does not exist.`,
      });
    }
  });
});
