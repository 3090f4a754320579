import { describe, expect, it } from "vitest";
import { maskDestination, maskEmail, maskPhoneNumber } from "../../src/domain/messages/mask-destination.js";

describe("CodeDeliveryDetails.Destination masking", () => {
  it("masks an email as first letter, ***@, first letter of the domain, ***", () => {
    expect(maskEmail("alice@example.com")).toBe("a***@e***");
    expect(maskEmail("u@y.co")).toBe("u***@y***");
    expect(maskEmail("Zoë.Smith@Mail.Example.org")).toBe("Z***@M***");
    expect(maskEmail("émile@über.de")).toBe("é***@ü***");
  });

  it("masks a phone number down to + and the last four digits", () => {
    expect(maskPhoneNumber("+12065551234")).toBe("+*******1234");
    expect(maskPhoneNumber("+919876540276")).toBe("+********0276");
    expect(maskPhoneNumber("+5511987654516")).toBe("+*********4516");
    expect(maskPhoneNumber("+123")).toBe("+123");
  });

  it("picks the rule by delivery medium", () => {
    expect(maskDestination("EMAIL", "bob@example.net")).toBe("b***@e***");
    expect(maskDestination("SMS", "+447700900123")).toBe("+********0123");
  });
});
