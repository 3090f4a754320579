import type { Passkey } from "../../domain/passwordless/passkey.js";

/** WebAuthnCredentialDescription as ListWebAuthnCredentials returns it. */
export interface PasskeyView {
  CredentialId: string;
  FriendlyCredentialName?: string;
  RelyingPartyId: string;
  AuthenticatorAttachment?: string;
  AuthenticatorTransports: string[];
  CreatedAt: Date;
}

export function passkeyView(passkey: Passkey): PasskeyView {
  const view: PasskeyView = {
    CredentialId: passkey.credentialId,
    RelyingPartyId: passkey.relyingPartyId,
    AuthenticatorTransports: passkey.transports,
    CreatedAt: passkey.createdAt,
  };
  if (passkey.friendlyName !== null) view.FriendlyCredentialName = passkey.friendlyName;
  if (passkey.authenticatorAttachment !== null)
    view.AuthenticatorAttachment = passkey.authenticatorAttachment;
  return view;
}
