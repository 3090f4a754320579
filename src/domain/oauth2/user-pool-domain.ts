// User pool domains (CreateUserPoolDomain and friends). A pool's OAuth endpoints and hosted UI answer at
// the root of its domain, found by the Host header.
// - A prefix domain (no CustomDomainConfig) is a single DNS label: lower-case letters, digits and inner
//   hyphens, without the reserved words aws, amazon or cognito. It is served at
//   "{prefix}.{COGNATE_DOMAIN_SUFFIX}" (Cognito: "{prefix}.auth.{region}.amazoncognito.com").
// - A custom domain (with CustomDomainConfig.CertificateArn) is a fully qualified host name, served as given.
// - Domains are unique across the deployment; a pool has at most one prefix and one custom domain.
// - Status is always ACTIVE: there is no CloudFront to wait for. CloudFrontDistribution / CloudFrontDomain
//   report the host Cognate itself answers on, which is what a custom domain's CNAME should point at.
// All failures are InvalidParameterException (Cognito's wording where known).

import type { JsonObject } from "../../shared/json.js";
import { InvalidParameterException } from "../errors.js";

export type UserPoolDomainKind = "prefix" | "custom";

export interface UserPoolDomain {
  domain: string;
  userPoolId: string;
  kind: UserPoolDomainKind;
  managedLoginVersion: number;
  /** Cognito's CustomDomainConfigType as given (custom domains only). */
  customDomainConfig: JsonObject | null;
  createdAt: Date;
  lastModifiedAt: Date;
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const RESERVED_WORDS = ["aws", "amazon", "cognito"];
const MAX_HOST_LENGTH = 253;

export const domainAlreadyTaken = () =>
  new InvalidParameterException("Domain already associated with another user pool.");
export const poolAlreadyHasDomain = () =>
  new InvalidParameterException("User pool already has a domain configured.");
export const noSuchDomain = () => new InvalidParameterException("No such domain or user pool exists.");

export function checkPrefixDomain(domain: string): void {
  if (!LABEL.test(domain)) {
    throw new InvalidParameterException(
      "The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens. Please enter a different name that follows this format: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$",
    );
  }
  const reserved = RESERVED_WORDS.find((word) => domain.includes(word));
  if (reserved !== undefined) {
    throw new InvalidParameterException(`Domain cannot contain reserved word: ${reserved}`);
  }
}

export function checkCustomDomain(domain: string): void {
  const labels = domain.split(".");
  if (domain.length > MAX_HOST_LENGTH || labels.length < 2 || !labels.every((label) => LABEL.test(label))) {
    throw new InvalidParameterException(`${domain} is not a valid custom domain name.`);
  }
}

/** Whether a name could be a stored domain (a prefix label or a custom host name): others are never looked up. */
export function isDomainName(domain: string): boolean {
  return domain.length <= MAX_HOST_LENGTH && domain.split(".").every((label) => LABEL.test(label));
}

/** The host a domain answers on. */
export const hostOfDomain = (domain: Pick<UserPoolDomain, "domain" | "kind">, suffix: string) =>
  domain.kind === "prefix" ? `${domain.domain}.${suffix}` : domain.domain;

/**
 * The domain name to look up for a request's host (lower-cased, port already removed): the prefix under
 * the suffix, or the host itself for custom domains. Undefined for hosts that cannot name a domain.
 */
export function domainNameForHost(host: string, suffix: string): string | undefined {
  const name = host.toLowerCase().replace(/\.$/, "");
  if (name.length === 0 || name.length > MAX_HOST_LENGTH) return undefined;
  const tail = `.${suffix.toLowerCase()}`;
  if (name.endsWith(tail)) {
    const prefix = name.slice(0, -tail.length);
    return LABEL.test(prefix) ? prefix : undefined;
  }
  return name.includes(".") ? name : undefined;
}

/** Cognito's DomainDescriptionType (Version: the creation time as yyyyMMddHHmmss). */
export function domainDescription(
  domain: UserPoolDomain,
  facts: { accountId: string; servingHost: string },
): JsonObject {
  const description: JsonObject = {
    UserPoolId: domain.userPoolId,
    AWSAccountId: facts.accountId,
    Domain: domain.domain,
    CloudFrontDistribution: facts.servingHost,
    Version: domain.createdAt.toISOString().replace(/[-:T]/g, "").slice(0, 14),
    Status: "ACTIVE",
    ManagedLoginVersion: domain.managedLoginVersion,
  };
  if (domain.customDomainConfig !== null) description.CustomDomainConfig = domain.customDomainConfig;
  return description;
}
