import {
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  type SchemaAttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Backend } from "../../support/server.js";
import { extendSuite, useTestServer } from "../../support/suite-server.js";

export const invalidParameter = (message: string) => ({ name: "InvalidParameterException", message });

/** A server for the enclosing describe block; `createPool` makes a pool with a schema, `schemaOf` reads it. */
export function useSchemaPools(backend: Backend) {
  const ctx = useTestServer({ backend });

  const createPool = async (Schema?: SchemaAttributeType[]) =>
    (await ctx.cognito.send(new CreateUserPoolCommand({ PoolName: "schema", Schema }))).UserPool!;
  const schemaOf = async (UserPoolId: string) =>
    (await ctx.cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool!.SchemaAttributes!;

  return extendSuite(ctx, { createPool, schemaOf });
}
