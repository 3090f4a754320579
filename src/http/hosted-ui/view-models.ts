import { schemaOf } from "../../app/users/new-user.js";
import { passwordPolicyOf } from "../../domain/auth/password-policy.js";
import { usernameAttributes } from "../../domain/user/sign-in-identity.js";
import type { UserPool } from "../../domain/user-pool/user-pool.js";
import type { UiMessage } from "./error-messages.js";
import type { MessageId, Translate } from "./i18n/catalogue.js";

// Building blocks of the page view models: form fields, alerts and the password rules, all with their
// strings already translated. Field names are the wire names: username, password, email, phone_number, …

export interface FieldView {
  id: string;
  name: string;
  type: string;
  label: string;
  value: string;
  autocomplete: string;
  required: boolean;
  optionalText?: string;
  hint?: string;
  error?: { messageId: MessageId; text: string };
  describedBy?: string;
  inputMode?: string;
  autofocus?: boolean;
  minLength?: number;
  maxLength?: number;
}

export interface FieldSpec {
  name: string;
  label: string;
  type?: string;
  autocomplete?: string;
  value?: string;
  required?: boolean;
  hintId?: MessageId;
  inputMode?: string;
  minLength?: number;
  maxLength?: number;
  /** Ids of elements that describe the field besides its hint and error (the password rules). */
  describedBy?: string[];
  /** Takes the focus unless another field is in error. */
  focus?: boolean;
}

export interface AlertView {
  level: "error" | "notice";
  role: "alert" | "status";
  className: string;
  messageId: MessageId;
  text: string;
}

export const errorAlert = (t: Translate, message: UiMessage): AlertView => ({
  level: "error",
  role: "alert",
  className: "errorMessage-customizable",
  messageId: message.id,
  text: t(message.id, message.params),
});

export const noticeAlert = (t: Translate, id: MessageId, params?: Record<string, string>): AlertView => ({
  level: "notice",
  role: "status",
  className: "",
  messageId: id,
  text: t(id, params),
});

const fieldId = (name: string) => `field-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;

/**
 * The fields and messages of a form. A problem with one field is shown at that field (which gets the
 * focus); any other problem, and the notice, at the top. Otherwise the first field gets the focus.
 */
export function formView(
  t: Translate,
  specs: readonly FieldSpec[],
  problem?: UiMessage,
  notice?: MessageId,
): { fields: FieldView[]; alerts: AlertView[] } {
  const inline = specs.some((spec) => spec.name === problem?.field);
  const alerts =
    problem && !inline ? [errorAlert(t, problem)] : notice && !problem ? [noticeAlert(t, notice)] : [];
  return { fields: buildFields(t, specs, problem), alerts };
}

function buildFields(t: Translate, specs: readonly FieldSpec[], problem?: UiMessage): FieldView[] {
  const focusName =
    specs.find((spec) => spec.name === problem?.field)?.name ??
    specs.find((spec) => spec.focus)?.name ??
    specs[0]?.name;
  return specs.map((spec) => {
    const id = fieldId(spec.name);
    const failed = problem?.field === spec.name;
    const required = spec.required !== false;
    const describedBy = [
      ...(spec.hintId ? [`${id}-hint`] : []),
      ...(failed ? [`${id}-error`] : []),
      ...(spec.describedBy ?? []),
    ];
    return {
      id,
      name: spec.name,
      type: spec.type ?? "text",
      label: spec.label,
      value: spec.type === "password" ? "" : (spec.value ?? ""),
      autocomplete: spec.autocomplete ?? "off",
      required,
      ...(required ? {} : { optionalText: t("common.optional") }),
      ...(spec.hintId ? { hint: t(spec.hintId) } : {}),
      ...(failed && problem ? { error: { messageId: problem.id, text: t(problem.id, problem.params) } } : {}),
      ...(describedBy.length > 0 ? { describedBy: describedBy.join(" ") } : {}),
      ...(spec.inputMode ? { inputMode: spec.inputMode } : {}),
      ...(spec.name === focusName ? { autofocus: true } : {}),
      ...(spec.minLength ? { minLength: spec.minLength } : {}),
      ...(spec.maxLength ? { maxLength: spec.maxLength } : {}),
    };
  });
}

/** The sign-in name field: labelled by what the pool signs in with. */
export function usernameSpec(t: Translate, pool: UserPool, value = ""): FieldSpec {
  const kinds = usernameAttributes(pool.settings);
  const labelId: MessageId =
    kinds.length > 1
      ? "field.email_or_phone_username"
      : kinds[0] === "email"
        ? "field.email_username"
        : kinds[0] === "phone_number"
          ? "field.phone_username"
          : "field.username";
  return {
    name: "username",
    label: t(labelId),
    autocomplete: "username",
    value,
    ...(kinds.length === 1 && kinds[0] === "email" ? { type: "email", inputMode: "email" } : {}),
    ...(kinds.length === 1 && kinds[0] === "phone_number"
      ? { type: "tel", hintId: "hint.phone" as const }
      : {}),
  };
}

export const minimumPasswordLength = (pool: UserPool) => passwordPolicyOf(pool.settings).MinimumLength ?? 8;

/** "Your password must contain: …" from the pool's PasswordPolicy. */
export function passwordRules(t: Translate, pool: UserPool) {
  const policy = passwordPolicyOf(pool.settings);
  const items = [t("password.rule_length", { min: minimumPasswordLength(pool) })];
  if (policy.RequireLowercase) items.push(t("password.rule_lowercase"));
  if (policy.RequireUppercase) items.push(t("password.rule_uppercase"));
  if (policy.RequireNumbers) items.push(t("password.rule_number"));
  if (policy.RequireSymbols) items.push(t("password.rule_symbol"));
  return { heading: t("password.rules_heading"), items };
}

export function newPasswordSpec(
  t: Translate,
  pool: UserPool,
  labelId: MessageId = "field.new_password",
): FieldSpec {
  return {
    name: "password",
    label: t(labelId),
    type: "password",
    autocomplete: "new-password",
    minLength: minimumPasswordLength(pool),
    describedBy: ["password-rules"],
  };
}

const ATTRIBUTE_LABELS = new Set([
  "email",
  "phone_number",
  "name",
  "given_name",
  "family_name",
  "middle_name",
  "nickname",
  "preferred_username",
  "profile",
  "picture",
  "website",
  "gender",
  "birthdate",
  "zoneinfo",
  "locale",
  "address",
]);

const AUTOCOMPLETE: Record<string, string> = {
  email: "email",
  phone_number: "tel",
  name: "name",
  given_name: "given-name",
  family_name: "family-name",
  middle_name: "additional-name",
  nickname: "nickname",
  birthdate: "bday",
  gender: "sex",
  address: "street-address",
  website: "url",
  profile: "url",
  picture: "photo",
  locale: "language",
};

/** A field for a user attribute, named as the attribute (email is `email`). */
export function attributeSpec(t: Translate, name: string, required: boolean, value = ""): FieldSpec {
  const label = ATTRIBUTE_LABELS.has(name)
    ? t(`attribute.${name}` as MessageId)
    : t("attribute.other", { name: name.replace(/^custom:/, "") });
  const type =
    name === "email"
      ? "email"
      : name === "phone_number"
        ? "tel"
        : name === "birthdate"
          ? "date"
          : ["website", "profile", "picture"].includes(name)
            ? "url"
            : "text";
  return {
    name,
    label,
    type,
    value,
    required,
    autocomplete: AUTOCOMPLETE[name] ?? "off",
    ...(name === "phone_number" ? { hintId: "hint.phone" as const } : {}),
    ...(name === "email" ? { inputMode: "email" } : {}),
  };
}

/**
 * The attributes the sign-up form asks for: the schema's required ones, the sign-in attributes of an
 * email/phone-as-username pool, and the attributes codes are sent to (AutoVerifiedAttributes).
 */
export function signUpAttributes(pool: UserPool): Array<{ name: string; required: boolean }> {
  const usernameKinds: string[] = usernameAttributes(pool.settings);
  const autoVerified = Array.isArray(pool.settings.AutoVerifiedAttributes)
    ? pool.settings.AutoVerifiedAttributes.filter((item): item is string => typeof item === "string")
    : [];
  const schemaRequired = schemaOf(pool)
    .filter((attribute) => attribute.Required && attribute.Name !== "sub")
    .map((attribute) => attribute.Name);
  const names = [...new Set([...usernameKinds, ...autoVerified, ...schemaRequired])];
  names.sort((a, b) => rank(a) - rank(b));
  return names.map((name) => ({
    name,
    required:
      schemaRequired.includes(name) ||
      (usernameKinds.length === 1 && usernameKinds[0] === name) ||
      (usernameKinds.length === 0 && autoVerified.length === 1 && autoVerified[0] === name),
  }));
}

const ORDER = ["email", "phone_number", "given_name", "family_name", "name"];
const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
