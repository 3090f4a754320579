import { type DeliveryMedium, maskDestination } from "./mask-destination.js";

/*
 * Where a sign-up (or resent) verification code goes, from the pool's AutoVerifiedAttributes:
 * - phone_number auto-verified and the user has one: SMS to it (with both auto-verified, Cognito
 *   verifies only the phone number);
 * - else email auto-verified and the user has one: EMAIL;
 * - else nothing is sent and the response has no CodeDeliveryDetails.
 */

export interface DeliveryDestination {
  medium: DeliveryMedium;
  attributeName: "phone_number" | "email";
  /** The unmasked address or number to send to. */
  destination: string;
}

/** CodeDeliveryDetailsType, as the API returns it. */
export interface CodeDeliveryDetails {
  AttributeName: string;
  DeliveryMedium: DeliveryMedium;
  Destination: string;
}

export function chooseVerificationDestination(
  autoVerifiedAttributes: readonly string[] | undefined,
  userAttributes: Readonly<Record<string, string | undefined>>,
): DeliveryDestination | undefined {
  const auto = new Set(autoVerifiedAttributes ?? []);
  const phone = userAttributes.phone_number;
  if (auto.has("phone_number") && phone) {
    return { medium: "SMS", attributeName: "phone_number", destination: phone };
  }
  const email = userAttributes.email;
  if (auto.has("email") && email) {
    return { medium: "EMAIL", attributeName: "email", destination: email };
  }
  return undefined;
}

export function codeDeliveryDetails(target: DeliveryDestination): CodeDeliveryDetails {
  return {
    AttributeName: target.attributeName,
    DeliveryMedium: target.medium,
    Destination: maskDestination(target.medium, target.destination),
  };
}
