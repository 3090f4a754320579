/*
 * CodeDeliveryDetails.Destination as Cognito masks it:
 * - email: first character of the local part, "***@", first character of the domain, "***"
 *   (alice@example.com -> a***@e***);
 * - phone: the leading "+" and the last four digits, every other character a "*"
 *   (+12065551234 -> +*******1234).
 * Sources are listed in docs/messages.md.
 */

export type DeliveryMedium = "EMAIL" | "SMS";

export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const local = Array.from(at < 0 ? email : email.slice(0, at));
  const domain = Array.from(at < 0 ? "" : email.slice(at + 1));
  return `${local[0] ?? ""}***@${domain[0] ?? ""}***`;
}

export function maskPhoneNumber(phoneNumber: string): string {
  const plus = phoneNumber.startsWith("+") ? "+" : "";
  const rest = Array.from(phoneNumber.slice(plus.length));
  const shown = Math.min(4, rest.length);
  return plus + "*".repeat(rest.length - shown) + rest.slice(rest.length - shown).join("");
}

export function maskDestination(medium: DeliveryMedium, destination: string): string {
  return medium === "EMAIL" ? maskEmail(destination) : maskPhoneNumber(destination);
}
