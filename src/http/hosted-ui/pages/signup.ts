import { secretHashFor } from "../../../app/hosted-ui/hosted-sign-in.js";
import type { AuthorizationRequest } from "../../../app/oauth2/authorization-contract.js";
import { signUp } from "../../../app/user-pools/sign-up.js";
import { usernameAttributes } from "../../../domain/user/sign-in-identity.js";
import type { HostedUi, PageRequest } from "../context.js";
import { pageHref } from "../context.js";
import { messageForError, type UiMessage } from "../error-messages.js";
import {
  checkAuthorization,
  errorPage,
  formTargetsFor,
  formToken,
  guardPost,
  messagePage,
  renderTarget,
  requestContext,
  writeFlowNote,
} from "../flow.js";
import { readForm } from "../form.js";
import { sendPage, sendRedirect } from "../render.js";
import {
  attributeSpec,
  type FieldSpec,
  formView,
  minimumPasswordLength,
  newPasswordSpec,
  noticeAlert,
  passwordRules,
  signUpAttributes,
} from "../view-models.js";

// /signup: Cognito's SignUp through a form. The form asks for a username (unless the pool signs in with
// email or phone number), the schema's required attributes, the attributes codes go to, and a password.
// Inputs are named as the attributes (email is `email`). After SignUp the code confirmation page follows;
// pools that only let administrators create users show why sign-up is closed.

const adminOnly = (authorization: AuthorizationRequest) =>
  (authorization.pool.settings.AdminCreateUserConfig as { AllowAdminCreateUserOnly?: boolean } | undefined)
    ?.AllowAdminCreateUserOnly === true;

function specsFor(
  page: PageRequest,
  authorization: AuthorizationRequest,
  values: Record<string, string>,
): FieldSpec[] {
  const { t } = page;
  const pool = authorization.pool;
  const username: FieldSpec[] =
    usernameAttributes(pool.settings).length === 0
      ? [
          {
            name: "username",
            label: t("field.username"),
            autocomplete: "username",
            value: values.username ?? "",
          },
        ]
      : [];
  const attributes = signUpAttributes(pool).map(({ name, required }) =>
    attributeSpec(t, name, required, values[name] ?? ""),
  );
  return [...username, ...attributes, newPasswordSpec(t, pool, "field.password")];
}

function showSignUp(
  hostedUi: HostedUi,
  page: PageRequest,
  authorization: AuthorizationRequest,
  options: { values?: Record<string, string>; problem?: UiMessage; status?: number } = {},
) {
  const { t } = page;
  const { fields, alerts } = formView(
    t,
    specsFor(page, authorization, options.values ?? {}),
    options.problem,
  );
  return sendPage(hostedUi, renderTarget(page, authorization.client.clientId), {
    template: "signup",
    titleId: "signup.title",
    status: options.status ?? 200,
    formTargets: formTargetsFor(authorization),
    data: {
      heading: t("signup.heading"),
      alerts,
      formAction: pageHref(page, "/signup"),
      csrfToken: formToken(hostedUi, page),
      hidden: [],
      fields,
      passwordRules: passwordRules(t, authorization.pool),
      submitLabel: t("signup.submit"),
      signIn: {
        prompt: t("signup.signin_prompt"),
        href: pageHref(page, "/login"),
        text: t("signup.signin_link"),
      },
    },
  });
}

const closed = (hostedUi: HostedUi, page: PageRequest, authorization: AuthorizationRequest) =>
  sendPage(
    hostedUi,
    renderTarget(page, authorization.client.clientId),
    errorPage(page, "signup.not_allowed", {
      status: 403,
      back: { href: pageHref(page, "/login"), text: page.t("common.back_to_sign_in") },
    }),
  );

export async function signUpPage(hostedUi: HostedUi, page: PageRequest) {
  const authorization = await checkAuthorization(hostedUi, page, false);
  if (!authorization) return page.reply;
  if (adminOnly(authorization)) return closed(hostedUi, page, authorization);
  return showSignUp(hostedUi, page, authorization);
}

/** The typed username: the username field, or in email/phone-as-username pools the email or phone. */
function typedUsername(authorization: AuthorizationRequest, form: Record<string, string>): string {
  const kinds = usernameAttributes(authorization.pool.settings);
  if (kinds.length === 0) return (form.username ?? "").trim();
  const email = kinds.includes("email") ? (form.email ?? "").trim() : "";
  return email !== "" ? email : (form.phone_number ?? "").trim();
}

export async function submitSignUp(hostedUi: HostedUi, page: PageRequest) {
  const form = readForm(page.request);
  if (!(await guardPost(hostedUi, page, form))) return page.reply;
  const authorization = await checkAuthorization(hostedUi, page, true);
  if (!authorization) return page.reply;
  if (adminOnly(authorization)) return closed(hostedUi, page, authorization);
  const values = Object.fromEntries(
    Object.entries(form).map(([key, value]) => [key, key === "password" ? value : value.trim()]),
  );
  const specs = specsFor(page, authorization, values);
  const missing = specs.find(
    (spec) => spec.required !== false && spec.type !== "password" && !values[spec.name],
  );
  if (missing) {
    return showSignUp(hostedUi, page, authorization, {
      values,
      problem: { id: "signup.missing_field", params: { field: missing.label }, field: missing.name },
      status: 400,
    });
  }
  const username = typedUsername(authorization, values);
  const attributes = signUpAttributes(authorization.pool)
    .filter(({ name }) => values[name])
    .map(({ name }) => ({ Name: name, Value: values[name] as string }));
  try {
    const secretHash = await secretHashFor(hostedUi.app, authorization, username);
    const result = await signUp(hostedUi.app)(requestContext(page.request), {
      ClientId: authorization.client.clientId,
      Username: username,
      Password: values.password ?? "",
      UserAttributes: attributes,
      ...(secretHash ? { SecretHash: secretHash } : {}),
    });
    if (result.UserConfirmed) {
      return sendRedirect(
        hostedUi,
        page.reply,
        pageHref(page, "/login", { notice: "account_confirmed", username }),
        true,
      );
    }
    if (!result.CodeDeliveryDetails) {
      return sendPage(
        hostedUi,
        renderTarget(page, authorization.client.clientId),
        messagePage(page, {
          titleId: "signup.title",
          headingId: "signup.heading",
          alert: noticeAlert(page.t, "signup.admin_confirmation"),
          status: 200,
        }),
      );
    }
    writeFlowNote(hostedUi, page, {
      kind: "signup",
      userPoolId: authorization.pool.id,
      clientId: authorization.client.clientId,
      username,
      sub: result.UserSub,
      medium: result.CodeDeliveryDetails.DeliveryMedium,
      destination: result.CodeDeliveryDetails.Destination,
    });
    return sendRedirect(hostedUi, page.reply, pageHref(page, "/confirm", { username }), true);
  } catch (error) {
    const problem = messageForError(error, minimumPasswordLength(authorization.pool));
    if (!problem) throw error;
    return showSignUp(hostedUi, page, authorization, { values, problem, status: 400 });
  }
}
