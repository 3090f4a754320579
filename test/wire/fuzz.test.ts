// Fuzzes every implemented cognito-idp action over raw HTTP: bodies shaped by the model, then mutated (wrong
// types, huge strings, unicode, nulls, deep nesting, extra fields, non-object and invalid JSON). Whatever the
// body, the server must answer below 500, and every error must carry x-amzn-errortype and {__type, message}.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";
import { abbreviated, bodies, implemented, RUNS_PER_ACTION } from "./support/fuzz-bodies.js";
import { expectWellFormed, post } from "./support/fuzz-requests.js";

const backends = await testBackends();

describe.each(backends)("fuzzing the cognito-idp JSON API on %s", (backend) => {
  let server: TestServer;
  let region: string;
  beforeAll(async () => {
    server = await startTestServer({ backend });
    region = await server.adminClient().config.region();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers an unknown target with UnknownOperationException", async () => {
    const response = await post(server, region, "NoSuchAction", "{}");
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ __type: "UnknownOperationException" });
    expect(response.headers.get("x-amzn-errortype")).toMatch(/^UnknownOperationException/);
  });

  it.skipIf(implemented.length === 0)("answers malformed JSON with SerializationException", async () => {
    for (const body of ["{", '{"PoolName":', "not json"]) {
      const response = await post(server, region, implemented[0]!, body);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({ __type: "SerializationException" });
    }
  });

  it.skipIf(!implemented.includes("CreateUserPool"))(
    "keeps a readable error for a 150 kB invalid value (headers stay within HTTP clients' limits)",
    async () => {
      const response = await post(
        server,
        region,
        "CreateUserPool",
        JSON.stringify({ PoolName: "x".repeat(150_000) }),
      );
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({
        __type: "InvalidParameterException",
        message: expect.stringMatching(/^1 validation error detected: Value 'x{150000}' at 'poolName'/),
      });
    },
  );

  /** Real ids let bodies get past "not found" into the use cases; made raw, so the SDK's parsing is not under test. */
  async function realIds(): Promise<Record<string, fc.Arbitrary<string>>> {
    const known: Record<string, fc.Arbitrary<string>> = {};
    if (!implemented.includes("CreateUserPool")) return known;
    const pool = await post(server, region, "CreateUserPool", '{"PoolName":"fuzz"}');
    const poolId = (JSON.parse(pool.body) as { UserPool?: { Id?: string } }).UserPool?.Id;
    if (!poolId) return known;
    known.UserPoolId = fc.constant(poolId);
    if (!implemented.includes("CreateUserPoolClient")) return known;
    const client = await post(
      server,
      region,
      "CreateUserPoolClient",
      JSON.stringify({ UserPoolId: poolId, ClientName: "fuzz" }),
    );
    const clientId = (JSON.parse(client.body) as { UserPoolClient?: { ClientId?: string } }).UserPoolClient
      ?.ClientId;
    if (clientId) known.ClientId = fc.constant(clientId);
    return known;
  }

  it.each(implemented)("%s never answers 5xx and always sends a well-formed error", async (action) => {
    const known = await realIds();
    await fc.assert(
      fc.asyncProperty(bodies(action, known).map(abbreviated), async (body) => {
        expectWellFormed(action, body, await post(server, region, action, body.text));
      }),
      { numRuns: RUNS_PER_ACTION },
    );
  });
});
