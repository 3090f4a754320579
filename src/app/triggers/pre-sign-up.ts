import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { AppDependencies } from "../dependencies.js";
import { optionalMaps, readBoolean, type StringMap } from "./trigger-event.js";

// PreSignUp: runs before a new user is written (SignUp, AdminCreateUser, and the first federated sign-in).
// Sent: the attributes the user will have, ValidationData as `validationData`, ClientMetadata as
// `clientMetadata`. It may answer autoConfirmUser, autoVerifyEmail and autoVerifyPhone; SignUp applies
// them (a confirmed user gets no confirmation code), AdminCreateUser ignores them, as Cognito does.
// Throwing refuses the sign-up: no user is written.

export type PreSignUpSource = "PreSignUp_SignUp" | "PreSignUp_AdminCreateUser" | "PreSignUp_ExternalProvider";

export interface PreSignUpInput {
  pool: UserPool;
  source: PreSignUpSource;
  /** The username the user will have (the new sub in email/phone-as-username pools). */
  userName: string;
  clientId?: string;
  userAttributes: StringMap;
  validationData?: StringMap;
  clientMetadata?: StringMap;
}

export interface PreSignUpDecision {
  autoConfirmUser: boolean;
  autoVerifyEmail: boolean;
  autoVerifyPhone: boolean;
}

const NOTHING: PreSignUpDecision = { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false };

export async function runPreSignUp(
  deps: Pick<AppDependencies, "triggers">,
  input: PreSignUpInput,
): Promise<PreSignUpDecision> {
  if (!deps.triggers.configured(input.pool, "PreSignUp")) return NOTHING;
  const event = deps.triggers.event(
    { pool: input.pool, triggerSource: input.source, userName: input.userName, clientId: input.clientId },
    {
      userAttributes: { ...input.userAttributes },
      ...optionalMaps({ validationData: input.validationData, clientMetadata: input.clientMetadata }),
    },
    { ...NOTHING },
  );
  const response = await deps.triggers.invoke(input.pool, "PreSignUp", event);
  return {
    autoConfirmUser: readBoolean(response, "autoConfirmUser") ?? false,
    autoVerifyEmail: readBoolean(response, "autoVerifyEmail") ?? false,
    autoVerifyPhone: readBoolean(response, "autoVerifyPhone") ?? false,
  };
}

/** Cognito's AttributeType list (ValidationData) as the map triggers receive. */
export function attributeMap(
  list: ReadonlyArray<{ Name: string; Value?: string }> | undefined,
): StringMap | undefined {
  if (!list) return undefined;
  const map: StringMap = {};
  for (const item of list) map[item.Name] = item.Value ?? "";
  return map;
}
