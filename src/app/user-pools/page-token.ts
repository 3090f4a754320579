import { InvalidParameterException } from "../../domain/errors.js";
import type { SecretBox } from "../../ports/secret-box.js";
import { InvalidCursorError, type Page, type PageRequest } from "../../ports/storage.js";

// NextToken is the storage cursor sealed with the master key: opaque to callers, and a token that was
// not issued here (forged, edited, sealed for another listing, or from another deployment) fails to open
// and is refused with Cognito's wording for a pagination marker it did not issue.

export interface PageQuery {
  /** Bound into the seal: a token only opens for the listing (and scope) it was issued for. */
  purpose: string;
  limit: number;
  nextToken?: string;
  requestId: string;
}

export interface TokenPage<T> {
  items: T[];
  nextToken?: string;
}

export async function readPage<T>(
  secretBox: SecretBox,
  query: PageQuery,
  fetch: (request: PageRequest) => Promise<Page<T>>,
): Promise<TokenPage<T>> {
  const invalidToken = () =>
    new InvalidParameterException(
      `Paging marker ${query.nextToken} is invalid for request ${query.requestId}`,
    );
  let cursor: string | undefined;
  if (query.nextToken !== undefined) {
    try {
      cursor = secretBox.open(query.nextToken, query.purpose);
    } catch {
      throw invalidToken();
    }
  }
  let page: Page<T>;
  try {
    page = await fetch(cursor === undefined ? { limit: query.limit } : { limit: query.limit, cursor });
  } catch (error) {
    if (error instanceof InvalidCursorError) throw invalidToken();
    throw error;
  }
  return page.nextCursor === undefined
    ? { items: page.items }
    : { items: page.items, nextToken: secretBox.seal(page.nextCursor, query.purpose) };
}
