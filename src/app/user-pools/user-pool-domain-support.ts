import { InvalidParameterException } from "../../domain/errors.js";
import type { UserPoolDomain } from "../../domain/oauth2/user-pool-domain.js";
import type { JsonObject } from "../../shared/json.js";
import type { Deployment } from "../dependencies.js";

// Shared by the user pool domain actions.
// - ManagedLoginVersion: 1 (hosted UI, classic) or 2 (managed login); 1 when not given.
// - The "CloudFront" host Cognito reports is the host Cognate answers on (from COGNATE_PUBLIC_URL): the
//   target a custom domain's DNS record should point at.

export function checkManagedLoginVersion(version: number | undefined, fallback = 1): number {
  if (version === undefined) return fallback;
  if (version !== 1 && version !== 2) {
    throw new InvalidParameterException("ManagedLoginVersion must be 1 (hosted UI) or 2 (managed login).");
  }
  return version;
}

export const servingHost = (deployment: Pick<Deployment, "publicUrl">) =>
  new URL(deployment.publicUrl).hostname;

export interface DomainChangeOutput {
  ManagedLoginVersion: number;
  CloudFrontDomain?: string;
}

export function domainChangeOutput(domain: UserPoolDomain, deployment: Pick<Deployment, "publicUrl">) {
  const output: DomainChangeOutput = { ManagedLoginVersion: domain.managedLoginVersion };
  if (domain.kind === "custom") output.CloudFrontDomain = servingHost(deployment);
  return output;
}

/** CustomDomainConfigType as stored: the certificate ARN (not used: Cognate's TLS is its own). */
export const storedCustomDomainConfig = (config: { CertificateArn: string; SecurityPolicy?: string }) => {
  const stored: JsonObject = { CertificateArn: config.CertificateArn };
  if (config.SecurityPolicy !== undefined) stored.SecurityPolicy = config.SecurityPolicy;
  return stored;
};
