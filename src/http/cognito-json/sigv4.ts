import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Clock } from "../../ports/clock.js";
import { ProtocolError } from "./errors.js";
import type { JsonRequest } from "./json-protocol.js";

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SigV4VerifierOptions {
  service: string;
  region: string;
  clock: Clock;
  credentials: readonly SigningCredentials[];
}

/*
 * AWS Signature Version 4, checked server side. Rules, in the order AWS applies them:
 * - no Authorization header: MissingAuthenticationTokenException;
 * - a header that is not "AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…", or no
 *   X-Amz-Date/Date: IncompleteSignatureException;
 * - an access key we do not know: UnrecognizedClientException;
 * - a scope with another region, service, terminator or day than the request date, a date more than
 *   5 minutes from our clock, host or the date header left unsigned, an x-amz-content-sha256 that is not
 *   the body's hash, or a signature that differs: InvalidSignatureException.
 * Every error is HTTP 400, as cognito-idp (a JSON 1.1 service) sends them.
 */

const ALGORITHM = "AWS4-HMAC-SHA256";
const MAX_SKEW_MS = 5 * 60 * 1000;
const EMPTY_SHA256 = sha256Hex("");

const INVALID_SIGNATURE =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

interface ParsedAuthorization {
  accessKeyId: string;
  scopeDate: string;
  scopeRegion: string;
  scopeService: string;
  scopeTerminator: string;
  signedHeaders: string[];
  signature: string;
}

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

function headerValue(request: JsonRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

const incomplete = (message: string) => new ProtocolError("IncompleteSignatureException", message);
const invalid = (message: string) => new ProtocolError("InvalidSignatureException", message);

/** RFC 3986 percent-encoding, as SigV4 requires (encodeURIComponent leaves !'()* alone). */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function parseAuthorization(authorization: string): ParsedAuthorization {
  const space = authorization.indexOf(" ");
  const algorithm = space < 0 ? authorization : authorization.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw incomplete(
      `Unsupported AWS 'algorithm': '${algorithm}'. The Authorization header must use ${ALGORITHM}.`,
    );
  }
  const parameters = new Map<string, string>();
  for (const part of (space < 0 ? "" : authorization.slice(space + 1)).split(",")) {
    const pair = part.trim();
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    if (equals < 0) {
      throw incomplete(`'${pair}' not a valid key=value pair (missing equal-sign) in Authorization header.`);
    }
    parameters.set(pair.slice(0, equals), pair.slice(equals + 1));
  }
  const missing = ["Credential", "Signature", "SignedHeaders"]
    .filter((name) => !parameters.get(name))
    .map((name) => `Authorization header requires '${name}' parameter.`);
  if (missing.length > 0) throw incomplete(missing.join(" "));

  const credential = parameters.get("Credential") ?? "";
  const scope = credential.split("/");
  if (scope.length !== 5 || scope.some((piece) => piece === "")) {
    throw incomplete(
      `Authorization header's Credential must be AccessKeyId/YYYYMMDD/region/service/aws4_request, got '${credential}'.`,
    );
  }
  const [accessKeyId, scopeDate, scopeRegion, scopeService, scopeTerminator] = scope as [
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    accessKeyId,
    scopeDate,
    scopeRegion,
    scopeService,
    scopeTerminator,
    signedHeaders: (parameters.get("SignedHeaders") ?? "")
      .split(";")
      .map((name) => name.trim().toLowerCase()),
    signature: parameters.get("Signature") ?? "",
  };
}

/** "20150830T123600Z" from a Date, the ISO 8601 basic format SigV4 signs. */
function toAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** The request time and which header carried it; X-Amz-Date wins over Date. */
function requestDate(request: JsonRequest): { amzDate: string; time: number; headerName: string } {
  const amzDate = headerValue(request, "x-amz-date");
  if (amzDate !== undefined) {
    const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate.trim());
    if (!match) {
      throw incomplete(
        `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. For example: 20150830T123600Z.`,
      );
    }
    const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
    const time = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
    return { amzDate: amzDate.trim(), time, headerName: "x-amz-date" };
  }
  const date = headerValue(request, "date");
  if (date !== undefined) {
    const time = Date.parse(date);
    if (Number.isNaN(time)) throw incomplete(`The Date header '${date}' is not a valid HTTP date.`);
    return { amzDate: toAmzDate(new Date(time)), time, headerName: "date" };
  }
  throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
}

/** Path as the AWS SDKs sign it for every service but S3: dot segments and empty segments removed, then encoded. */
function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith("/") ? "/" : "";
  const path = `${rawPath.startsWith("/") ? "/" : ""}${segments.join("/")}${trailing}`;
  return path.split("/").map(uriEncode).join("/");
}

function canonicalQuery(rawQuery: string): string {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const equals = part.indexOf("=");
    const key = equals < 0 ? part : part.slice(0, equals);
    const value = equals < 0 ? "" : part.slice(equals + 1);
    pairs.push([uriEncode(safeDecode(key)), uriEncode(safeDecode(value))]);
  }
  pairs.sort(([keyA, valueA], [keyB, valueB]) =>
    keyA === keyB ? (valueA < valueB ? -1 : valueA > valueB ? 1 : 0) : keyA < keyB ? -1 : 1,
  );
  return pairs.map(([key, value]) => `${key}=${value}`).join("&");
}

function canonicalRequest(
  request: JsonRequest,
  signedHeaders: readonly string[],
  payloadHash: string,
): string {
  const headers = signedHeaders.map(
    (name) => `${name}:${(headerValue(request, name) ?? "").trim().replace(/\s+/g, " ")}\n`,
  );
  return [
    request.method.toUpperCase(),
    canonicalUri(request.path),
    canonicalQuery(request.rawQuery),
    headers.join(""),
    signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
}

function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const dateKey = hmac(`AWS4${secretAccessKey}`, date);
  return hmac(hmac(hmac(dateKey, region), service), "aws4_request");
}

/** Returns a function that throws ProtocolError unless the request is validly signed with one of the credentials. */
export function createSigV4Verifier(options: SigV4VerifierOptions): (request: JsonRequest) => void {
  const secrets = new Map(
    options.credentials.map((credential) => [credential.accessKeyId, credential.secretAccessKey]),
  );

  return (request) => {
    const authorization = headerValue(request, "authorization");
    if (authorization === undefined || authorization.trim() === "") {
      throw new ProtocolError("MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    const parsed = parseAuthorization(authorization.trim());
    const date = requestDate(request);

    const secret = secrets.get(parsed.accessKeyId);
    if (secret === undefined) {
      throw new ProtocolError(
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
      );
    }

    if (parsed.scopeTerminator !== "aws4_request") {
      throw invalid(
        `Credential should be scoped with a valid terminator: 'aws4_request', not '${parsed.scopeTerminator}'.`,
      );
    }
    if (parsed.scopeRegion !== options.region) {
      throw invalid(`Credential should be scoped to a valid region, not '${parsed.scopeRegion}'.`);
    }
    if (parsed.scopeService !== options.service) {
      throw invalid(`Credential should be scoped to correct service: '${options.service}'.`);
    }
    const day = date.amzDate.slice(0, 8);
    if (parsed.scopeDate !== day) {
      throw invalid(
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parsed.scopeDate}' != '${day}', from '${date.amzDate}'.`,
      );
    }

    const now = options.clock.now().getTime();
    if (date.time < now - MAX_SKEW_MS) {
      throw invalid(
        `Signature expired: ${date.amzDate} is now earlier than ${toAmzDate(new Date(now - MAX_SKEW_MS))} (${toAmzDate(new Date(now))} - 5 min.)`,
      );
    }
    if (date.time > now + MAX_SKEW_MS) {
      throw invalid(
        `Signature not yet current: ${date.amzDate} is still later than ${toAmzDate(new Date(now + MAX_SKEW_MS))} (${toAmzDate(new Date(now))} + 5 min.)`,
      );
    }

    if (!parsed.signedHeaders.includes("host")) {
      throw invalid("'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }
    if (!parsed.signedHeaders.includes(date.headerName)) {
      throw invalid(
        `'${date.headerName === "date" ? "Date" : "X-Amz-Date"}' must be a 'SignedHeader' in the AWS Authorization.`,
      );
    }

    const payloadHash =
      request.rawBody === "" ? EMPTY_SHA256 : sha256Hex(Buffer.from(request.rawBody, "utf8"));
    const declaredHash = headerValue(request, "x-amz-content-sha256");
    if (declaredHash !== undefined && declaredHash.trim().toLowerCase() !== payloadHash) {
      throw invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    const scope = `${parsed.scopeDate}/${parsed.scopeRegion}/${parsed.scopeService}/aws4_request`;
    const stringToSign = [
      ALGORITHM,
      date.amzDate,
      scope,
      sha256Hex(canonicalRequest(request, parsed.signedHeaders, payloadHash)),
    ].join("\n");
    const key = signingKey(secret, parsed.scopeDate, parsed.scopeRegion, parsed.scopeService);
    const expected = createHmac("sha256", key).update(stringToSign, "utf8").digest();
    const provided = /^[0-9a-f]{64}$/i.test(parsed.signature)
      ? Buffer.from(parsed.signature, "hex")
      : undefined;
    if (provided === undefined || !timingSafeEqual(provided, expected)) throw invalid(INVALID_SIGNATURE);
  };
}
