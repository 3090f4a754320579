// CustomMessage: branded emails that greet the user by name and carry a link with their code, for every
// message Cognito sends. Cognito fills in {####} (and {username} for invitations) after this returns, so
// the placeholders it passes in must stay in the message.

const APP_URL = process.env.APP_URL ?? "https://app.example.com";
const BRAND = process.env.BRAND ?? "Example";

const SUBJECTS = {
  CustomMessage_SignUp: `Welcome to ${BRAND}: confirm your account`,
  CustomMessage_ResendCode: `Your ${BRAND} confirmation code`,
  CustomMessage_ForgotPassword: `Reset your ${BRAND} password`,
  CustomMessage_UpdateUserAttribute: `Confirm your new ${BRAND} contact details`,
  CustomMessage_VerifyUserAttribute: `Confirm your ${BRAND} contact details`,
  CustomMessage_AdminCreateUser: `You are invited to ${BRAND}`,
  CustomMessage_Authentication: `Your ${BRAND} sign-in code`,
};

export const handler = async (event) => {
  const { codeParameter, usernameParameter, userAttributes } = event.request;
  const name = userAttributes.given_name ?? userAttributes.preferred_username ?? event.userName;
  const user = encodeURIComponent(event.userName);
  const link = `${APP_URL}/confirm?user=${user}&code=${codeParameter}`;
  const invitation = event.triggerSource === "CustomMessage_AdminCreateUser";
  const lines = invitation
    ? [
        `Hello ${name},`,
        `Your username is ${usernameParameter} and your temporary password is ${codeParameter}.`,
      ]
    : [`Hello ${name},`, `Your code is ${codeParameter}.`];
  event.response.emailSubject = SUBJECTS[event.triggerSource] ?? `A message from ${BRAND}`;
  event.response.emailMessage = `<p>${lines.join("</p><p>")}</p><p><a href="${link}">Continue in ${BRAND}</a></p>`;
  event.response.smsMessage = invitation
    ? `${BRAND}: user ${usernameParameter}, temporary password ${codeParameter}`
    : `${BRAND}: your code is ${codeParameter}`;
  return event;
};
