import { describe, expect, it } from "vitest";
import {
  chooseVerificationDestination,
  codeDeliveryDetails,
} from "../../src/domain/messages/delivery-destination.js";

const user = { email: "alice@example.com", phone_number: "+12065551234" };

describe("verification destination from AutoVerifiedAttributes", () => {
  it("sends to the phone when both are auto-verified", () => {
    const target = chooseVerificationDestination(["email", "phone_number"], user);
    expect(target).toEqual({ medium: "SMS", attributeName: "phone_number", destination: "+12065551234" });
    expect(target && codeDeliveryDetails(target)).toEqual({
      AttributeName: "phone_number",
      DeliveryMedium: "SMS",
      Destination: "+*******1234",
    });
  });

  it("falls back to email when the user has no phone number", () => {
    const target = chooseVerificationDestination(["email", "phone_number"], { email: "alice@example.com" });
    expect(target && codeDeliveryDetails(target)).toEqual({
      AttributeName: "email",
      DeliveryMedium: "EMAIL",
      Destination: "a***@e***",
    });
  });

  it("sends only to auto-verified attributes", () => {
    expect(chooseVerificationDestination(["email"], user)?.medium).toBe("EMAIL");
    expect(chooseVerificationDestination(["phone_number"], { email: "a@b.test" })).toBeUndefined();
    expect(chooseVerificationDestination([], user)).toBeUndefined();
    expect(chooseVerificationDestination(undefined, user)).toBeUndefined();
    expect(chooseVerificationDestination(["email"], { email: "" })).toBeUndefined();
  });
});
