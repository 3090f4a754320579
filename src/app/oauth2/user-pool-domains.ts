import { domainNameForHost } from "../../domain/oauth2/user-pool-domain.js";
import type { StorageRepositories } from "../../ports/storage.js";

/** The pool whose domain a request's host is (prefix under `suffix`, or a custom domain), if any. */
export function poolOfHost(storage: Pick<StorageRepositories, "userPoolDomains">, suffix: string) {
  return async (host: string): Promise<string | undefined> => {
    const name = domainNameForHost(host, suffix);
    if (name === undefined) return undefined;
    const domain = await storage.userPoolDomains.findUserPoolDomain(name);
    if (!domain) return undefined;
    // A prefix must arrive under the suffix and a custom domain as itself: "foo" alone names nothing.
    const viaSuffix = host.toLowerCase().replace(/\.$/, "") !== name;
    return (domain.kind === "prefix") === viaSuffix ? domain.userPoolId : undefined;
  };
}
