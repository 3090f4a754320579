/** Why a message is sent; the names are Cognito's CustomMessage trigger sources without the prefix. */
export type MessageKind =
  | "SignUp"
  | "ResendCode"
  | "ForgotPassword"
  | "AdminCreateUser"
  | "UpdateUserAttribute"
  | "VerifyUserAttribute"
  | "Authentication";

export const MESSAGE_KINDS: readonly MessageKind[] = [
  "SignUp",
  "ResendCode",
  "ForgotPassword",
  "AdminCreateUser",
  "UpdateUserAttribute",
  "VerifyUserAttribute",
  "Authentication",
];

export function isMessageKind(value: string): value is MessageKind {
  return (MESSAGE_KINDS as readonly string[]).includes(value);
}
