import { GroupExistsException, InvalidParameterException, ResourceNotFoundException } from "../errors.js";
import { constraintViolation } from "../user-pool-client/constraint-message.js";
import type { Group } from "./group.js";

// Group field rules (CreateGroup, UpdateGroup):
// - RoleArn names an IAM role: arn:<partition>:iam::<12-digit account>:role/<optional path/>name.
//   Anything else is InvalidParameterException "Invalid ARN format <value>" (Cognito's observed wording).
// - Precedence is a whole number from 0 to 2^31-1; lower wins; absent means "ranks last".
// - An empty Description counts as no description, on create and on update.
// - UpdateGroup changes only the fields it is given; given nothing, the group (and its
//   LastModifiedDate) stays as it was.
// Names are compared exactly (case-sensitively). The model validator checks lengths and patterns first;
// these rules repeat the range checks so they hold for every caller.

const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const MAX_PRECEDENCE = 2 ** 31 - 1;

export const groupNotFound = () => new ResourceNotFoundException("Group not found.");
export const groupExists = () => new GroupExistsException("A group with the name already exists.");

export function checkRoleArn(roleArn: string): string {
  if (!ROLE_ARN.test(roleArn)) throw new InvalidParameterException(`Invalid ARN format ${roleArn}`);
  return roleArn;
}

export function checkPrecedence(precedence: number): number {
  if (!Number.isInteger(precedence)) {
    throw constraintViolation("precedence", precedence, "Member must be a whole number");
  }
  if (precedence < 0) {
    throw constraintViolation("precedence", precedence, "Member must have value greater than or equal to 0");
  }
  if (precedence > MAX_PRECEDENCE) {
    throw constraintViolation(
      "precedence",
      precedence,
      `Member must have value less than or equal to ${MAX_PRECEDENCE}`,
    );
  }
  return precedence;
}

export interface GroupFields {
  Description?: string;
  RoleArn?: string;
  Precedence?: number;
}

const given = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;

/** The stored fields of a new group, checked. */
export function newGroupFields(input: GroupFields) {
  return {
    description: given(input.Description) && input.Description !== "" ? input.Description : null,
    roleArn: given(input.RoleArn) ? checkRoleArn(input.RoleArn) : null,
    precedence: given(input.Precedence) ? checkPrecedence(input.Precedence) : null,
  };
}

/** The group after UpdateGroup, or undefined when the request changes nothing. */
export function updatedGroup(group: Group, input: GroupFields, modifiedAt: Date): Group | undefined {
  const next = { ...group };
  let changed = false;
  if (given(input.Description) && input.Description !== "") {
    next.description = input.Description;
    changed = true;
  }
  if (given(input.RoleArn)) {
    next.roleArn = checkRoleArn(input.RoleArn);
    changed = true;
  }
  if (given(input.Precedence)) {
    next.precedence = checkPrecedence(input.Precedence);
    changed = true;
  }
  return changed ? { ...next, lastModifiedAt: modifiedAt } : undefined;
}
