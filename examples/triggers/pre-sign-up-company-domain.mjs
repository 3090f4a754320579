// PreSignUp: people signing up with an @company.com address are confirmed (and their email verified) at
// once; everyone else is turned away. The message thrown reaches the app as
// UserLambdaValidationException "PreSignUp failed with error <message>.".

const ALLOWED_DOMAIN = process.env.ALLOWED_DOMAIN ?? "company.com";

export const handler = async (event) => {
  const email = (event.request.userAttributes.email ?? "").toLowerCase();
  if (!email.endsWith(`@${ALLOWED_DOMAIN}`)) {
    throw new Error(`Sign-up is open to ${ALLOWED_DOMAIN} addresses only`);
  }
  event.response.autoConfirmUser = true;
  event.response.autoVerifyEmail = true;
  return event;
};
