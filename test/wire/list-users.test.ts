import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  ListUsersCommand,
  type ListUsersCommandInput,
  type UserType,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

const backends = await testBackends();
const TEMPORARY = "Tmp-Pa55word!x";
const parseError = { name: "InvalidParameterException", message: "Error while parsing filter." };

describe.each(backends)("ListUsers on %s", (backend) => {
  let server: TestServer;
  let cognito: CognitoIdentityProviderClient;
  let poolCount = 0;

  const newPool = async (settings: Partial<CreateUserPoolCommandInput> = {}) => {
    poolCount += 1;
    const out = await cognito.send(new CreateUserPoolCommand({ PoolName: `list-${poolCount}`, ...settings }));
    return out.UserPool!.Id!;
  };
  const newUser = async (UserPoolId: string, Username: string, attributes: Record<string, string> = {}) => {
    const out = await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username,
        TemporaryPassword: TEMPORARY,
        MessageAction: "SUPPRESS",
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
    return out.User!;
  };
  const list = (input: ListUsersCommandInput) => cognito.send(new ListUsersCommand(input));
  const names = (users: UserType[] | undefined) => (users ?? []).map((user) => user.Username).sort();
  const filtered = async (UserPoolId: string, Filter: string) =>
    names((await list({ UserPoolId, Filter })).Users);
  const attribute = (attributes: AttributeType[] | undefined, name: string) =>
    attributes?.find((entry) => entry.Name === name)?.Value;
  const refusal = async (input: ListUsersCommandInput) => {
    const error = (await list(input).catch((caught: unknown) => caught)) as Error & {
      $metadata?: { httpStatusCode?: number };
    };
    expect(error).toBeInstanceOf(Error);
    expect(error.$metadata?.httpStatusCode).toBe(400);
    return { name: error.name, message: error.message };
  };

  beforeAll(async () => {
    server = await startTestServer({ backend });
    cognito = server.adminClient();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("pages 7 users with Limit 3 in creation order, each exactly once, and ends without a token", async () => {
    const UserPoolId = await newPool();
    const created: string[] = [];
    for (let i = 1; i <= 7; i++) {
      created.push((await newUser(UserPoolId, `pager-${i}`, { email: `pager-${i}@example.com` })).Username!);
    }
    const pages: string[][] = [];
    let PaginationToken: string | undefined;
    do {
      const out = await list({ UserPoolId, Limit: 3, PaginationToken });
      pages.push((out.Users ?? []).map((user) => user.Username!));
      PaginationToken = out.PaginationToken;
    } while (PaginationToken !== undefined && pages.length < 10);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(new Set(pages.flat()).size).toBe(7);
    expect([...pages.flat()].sort()).toEqual([...created].sort());

    // One page of everything lists them in the same order as the three pages did.
    const all = await list({ UserPoolId });
    expect(all.PaginationToken).toBeUndefined();
    expect(all.Users?.map((user) => user.Username)).toEqual(pages.flat());
  });

  it("returns every user field as ListUsers' UserType", async () => {
    const UserPoolId = await newPool();
    const created = await newUser(UserPoolId, "shape", { email: "shape@example.com", given_name: "Ada" });
    const { Users } = await list({ UserPoolId });
    expect(Users).toEqual([
      {
        Username: "shape",
        Attributes: created.Attributes,
        UserCreateDate: created.UserCreateDate,
        UserLastModifiedDate: created.UserLastModifiedDate,
        Enabled: true,
        UserStatus: "FORCE_CHANGE_PASSWORD",
      },
    ]);
    expect(Users?.[0]?.Attributes?.[0]?.Name).toBe("sub");
    expect(attribute(Users?.[0]?.Attributes, "given_name")).toBe("Ada");
  });

  describe("Filter", () => {
    let UserPoolId: string;
    let subOfAda: string;

    beforeAll(async () => {
      UserPoolId = await newPool();
      const ada = await newUser(UserPoolId, "ada", {
        email: "ada@example.com",
        phone_number: "+15550100001",
        name: "Ada Lovelace",
        given_name: "Ada",
        family_name: "Lovelace",
        preferred_username: "countess",
      });
      subOfAda = attribute(ada.Attributes, "sub")!;
      await newUser(UserPoolId, "adam", {
        email: "adam@example.org",
        phone_number: "+15550200002",
        name: "Adam Smith",
        given_name: "Adam",
        family_name: "Smith",
        preferred_username: "economist",
      });
      await newUser(UserPoolId, "grace", {
        email: "grace@example.com",
        phone_number: "+15550100003",
        name: 'Grace "Amazing" Hopper',
        given_name: "Grace",
        family_name: "Hopper",
        preferred_username: "admiral",
      });
      await cognito.send(
        new AdminSetUserPasswordCommand({
          UserPoolId,
          Username: "grace",
          Password: "Perm-Pa55word!g",
          Permanent: true,
        }),
      );
      await cognito.send(new AdminDisableUserCommand({ UserPoolId, Username: "adam" }));
    });

    it("matches each searchable attribute exactly with =", async () => {
      expect(await filtered(UserPoolId, 'username = "ada"')).toEqual(["ada"]);
      expect(await filtered(UserPoolId, 'email = "grace@example.com"')).toEqual(["grace"]);
      expect(await filtered(UserPoolId, 'phone_number = "+15550200002"')).toEqual(["adam"]);
      expect(await filtered(UserPoolId, 'name = "Ada Lovelace"')).toEqual(["ada"]);
      expect(await filtered(UserPoolId, 'given_name = "Ada"')).toEqual(["ada"]);
      expect(await filtered(UserPoolId, 'family_name = "Hopper"')).toEqual(["grace"]);
      expect(await filtered(UserPoolId, 'preferred_username = "economist"')).toEqual(["adam"]);
      expect(await filtered(UserPoolId, 'cognito:user_status = "CONFIRMED"')).toEqual(["grace"]);
      expect(await filtered(UserPoolId, 'status = "Disabled"')).toEqual(["adam"]);
      expect(await filtered(UserPoolId, `sub = "${subOfAda}"`)).toEqual(["ada"]);
    });

    it("matches each searchable attribute as a prefix with ^=", async () => {
      expect(await filtered(UserPoolId, 'username ^= "ada"')).toEqual(["ada", "adam"]);
      expect(await filtered(UserPoolId, 'email ^= "ada@"')).toEqual(["ada"]);
      expect(await filtered(UserPoolId, 'phone_number ^= "+1555010"')).toEqual(["ada", "grace"]);
      expect(await filtered(UserPoolId, 'name ^= "Ada"')).toEqual(["ada", "adam"]);
      expect(await filtered(UserPoolId, 'given_name ^= "Gr"')).toEqual(["grace"]);
      expect(await filtered(UserPoolId, 'family_name ^= "S"')).toEqual(["adam"]);
      expect(await filtered(UserPoolId, 'preferred_username ^= "adm"')).toEqual(["grace"]);
      expect(await filtered(UserPoolId, 'cognito:user_status ^= "FORCE"')).toEqual(["ada", "adam"]);
      expect(await filtered(UserPoolId, 'status ^= "En"')).toEqual(["ada", "grace"]);
      expect(await filtered(UserPoolId, `sub ^= "${subOfAda.slice(0, 8)}"`)).toEqual(["ada"]);
    });

    it("finds nothing when no user matches", async () => {
      expect(await filtered(UserPoolId, 'email = "nobody@example.com"')).toEqual([]);
      expect(await filtered(UserPoolId, 'given_name ^= "Z"')).toEqual([]);
      expect(await filtered(UserPoolId, 'username = "ad"')).toEqual([]);
    });

    it("accepts a quoted attribute name, no spaces, and escaped quotes in the value", async () => {
      expect(await filtered(UserPoolId, '"email"^="ada"')).toEqual(["ada", "adam"]);
      expect(await filtered(UserPoolId, 'given_name="Grace"')).toEqual(["grace"]);
      expect(await filtered(UserPoolId, 'name = "Grace \\"Amazing\\" Hopper"')).toEqual(["grace"]);
    });

    it("compares cognito:user_status case-insensitively and status case-sensitively", async () => {
      expect(await filtered(UserPoolId, 'cognito:user_status = "confirmed"')).toEqual(["grace"]);
      expect(await filtered(UserPoolId, 'status = "Enabled"')).toEqual(["ada", "grace"]);
      expect(await filtered(UserPoolId, 'status = "enabled"')).toEqual([]);
      expect(await filtered(UserPoolId, 'status = "Maybe"')).toEqual([]);
      expect(await filtered(UserPoolId, 'status ^= ""')).toEqual(["ada", "adam", "grace"]);
    });

    it("lists everyone for an empty or blank filter", async () => {
      expect(await filtered(UserPoolId, "")).toEqual(["ada", "adam", "grace"]);
      expect(await filtered(UserPoolId, "   ")).toEqual(["ada", "adam", "grace"]);
    });

    it("pages through filtered results, and a token only continues the filter it came from", async () => {
      const first = await list({ UserPoolId, Filter: 'email ^= "ada"', Limit: 1 });
      expect(names(first.Users)).toEqual(["ada"]);
      expect(first.PaginationToken).toBeDefined();
      const second = await list({
        UserPoolId,
        Filter: 'email ^= "ada"',
        Limit: 1,
        PaginationToken: first.PaginationToken,
      });
      expect(names(second.Users)).toEqual(["adam"]);
      expect(second.PaginationToken).toBeUndefined();

      const other = await refusal({
        UserPoolId,
        Filter: 'email ^= "g"',
        PaginationToken: first.PaginationToken,
      });
      expect(other.name).toBe("InvalidParameterException");
      expect(other.message).toMatch(/^Paging marker .+ is invalid for request /);
    });

    it("refuses malformed filters with Cognito's parse error", async () => {
      for (const Filter of ["email = ada", "username=", 'email "ada"', 'email == "x"', 'email = "ada']) {
        expect(await refusal({ UserPoolId, Filter }), Filter).toEqual(parseError);
      }
    });

    it("refuses filters on attributes that cannot be searched", async () => {
      expect(await refusal({ UserPoolId, Filter: 'custom:team = "x"' })).toEqual({
        name: "InvalidParameterException",
        message: "Invalid search attribute: custom:team",
      });
      expect(await refusal({ UserPoolId, Filter: 'locale = "en"' })).toEqual({
        name: "InvalidParameterException",
        message: "Invalid search attribute: locale",
      });
    });

    it("narrows Attributes to AttributesToGet (empty means all)", async () => {
      const onlyEmail = await list({ UserPoolId, Filter: 'username = "ada"', AttributesToGet: ["email"] });
      expect(onlyEmail.Users?.[0]?.Attributes).toEqual([{ Name: "email", Value: "ada@example.com" }]);
      expect(onlyEmail.Users?.[0]?.UserStatus).toBe("FORCE_CHANGE_PASSWORD");

      const withSub = await list({
        UserPoolId,
        Filter: 'username = "ada"',
        AttributesToGet: ["email", "sub", "family_name"],
      });
      expect(withSub.Users?.[0]?.Attributes).toEqual([
        { Name: "sub", Value: subOfAda },
        { Name: "email", Value: "ada@example.com" },
        { Name: "family_name", Value: "Lovelace" },
      ]);

      const everything = await list({ UserPoolId, Filter: 'username = "ada"', AttributesToGet: [] });
      expect(attribute(everything.Users?.[0]?.Attributes, "preferred_username")).toBe("countess");
      expect(everything.Users?.[0]?.Attributes?.length).toBeGreaterThan(6);
    });
  });

  it("compares username filters with the pool's case rule", async () => {
    const insensitive = await newPool({ UsernameConfiguration: { CaseSensitive: false } });
    await newUser(insensitive, "Alice");
    expect(await filtered(insensitive, 'username = "ALICE"')).toEqual(["Alice"]);
    expect(await filtered(insensitive, 'username ^= "al"')).toEqual(["Alice"]);

    const sensitive = await newPool({ UsernameConfiguration: { CaseSensitive: true } });
    await newUser(sensitive, "Alice");
    expect(await filtered(sensitive, 'username = "ALICE"')).toEqual([]);
    expect(await filtered(sensitive, 'username = "Alice"')).toEqual(["Alice"]);
  });

  it("refuses a Limit outside 1–60 and an unknown pool", async () => {
    const UserPoolId = await newPool();
    const zero = await refusal({ UserPoolId, Limit: 0 });
    expect(zero.name).toBe("InvalidParameterException");
    expect(zero.message).toContain("greater than or equal to 1");
    const tooMany = await refusal({ UserPoolId, Limit: 61 });
    expect(tooMany.name).toBe("InvalidParameterException");
    expect(tooMany.message).toContain("less than or equal to 60");

    const missing = `${UserPoolId.slice(0, -1)}${UserPoolId.endsWith("x") ? "y" : "x"}`;
    const error = (await list({ UserPoolId: missing }).catch((caught: unknown) => caught)) as Error;
    expect({ name: error.name, message: error.message }).toEqual({
      name: "ResourceNotFoundException",
      message: `User pool ${missing} does not exist.`,
    });
  });

  it("refuses a pagination token that was not issued here", async () => {
    const UserPoolId = await newPool();
    const error = await refusal({ UserPoolId, PaginationToken: "not-a-token" });
    expect(error.name).toBe("InvalidParameterException");
    expect(error.message).toMatch(/^Paging marker not-a-token is invalid for request /);
  });
});
