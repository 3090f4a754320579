// PreTokenGeneration: VIP customers (an email address containing "vip@") get custom:loyaltyTier=gold in
// their ID token. Works with the V1_0 event (claimsOverrideDetails) and V2_0/V3_0 events
// (claimsAndScopeOverrideDetails), so the pool may use either trigger version.

export const handler = async (event) => {
  const email = event.request.userAttributes.email ?? "";
  if (!email.includes("vip@")) return event;
  const claims = { "custom:loyaltyTier": "gold" };
  if (event.version === "1") {
    event.response = { claimsOverrideDetails: { claimsToAddOrOverride: claims } };
  } else {
    event.response = {
      claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: claims } },
    };
  }
  return event;
};
