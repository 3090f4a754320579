import { pbkdf2, scrypt, timingSafeEqual } from "node:crypto";
import { verify as verifyArgon2 } from "@node-rs/argon2";
import bcrypt from "bcryptjs";
import type { ForeignPasswordHashes } from "../../ports/foreign-password-hashes.js";

// The hash formats `cognate import` accepts, and how each is checked:
// - bcrypt (MCF): $2a$, $2b$, $2y$ + cost + 53 characters; bcryptjs compares (bcrypt reads 72 bytes at most);
// - argon2 (PHC): $argon2id$ / $argon2i$ / $argon2d$; @node-rs/argon2 reads the parameters from the string;
// - scrypt (PHC): $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>, salt and hash in base64 (no padding);
// - PBKDF2 in four spellings: PHC $pbkdf2-sha256$i=<iterations>,l=<length>$<salt>$<hash>;
//   passlib $pbkdf2-sha256$<iterations>$<salt>$<hash> (adapted base64, "." for "+"); Django
//   pbkdf2_sha256$<iterations>$<salt text>$<hash base64>; Werkzeug pbkdf2:sha256:<iterations>$<salt text>$<hash hex>.
//   sha1 and sha512 variants too. The password is always its UTF-8 bytes.
// Cost parameters are bounded, so an imported hash cannot make a sign-in spend minutes or gigabytes.

const MAX_PBKDF2_ITERATIONS = 10_000_000;
const MAX_SCRYPT_LOG_N = 20;
const MAX_SCRYPT_MEMORY = 1024 * 1024 * 1024;
const DIGESTS = { sha1: "sha1", sha256: "sha256", sha512: "sha512" } as const;
type Digest = keyof typeof DIGESTS;

interface Pbkdf2Hash {
  digest: Digest;
  iterations: number;
  salt: Buffer;
  expected: Buffer;
}

interface ScryptHash {
  logN: number;
  r: number;
  p: number;
  salt: Buffer;
  expected: Buffer;
}

/** Standard or URL-safe base64, or passlib's adapted base64 ("." for "+"), padding optional. */
function base64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/.\-_]+={0,2}$/.test(text)) return undefined;
  const decoded = Buffer.from(text.replace(/\./g, "+").replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return decoded.length > 0 ? decoded : undefined;
}

const digestOf = (name: string | undefined): Digest | undefined =>
  name === undefined || name === "" ? "sha1" : name in DIGESTS ? (name as Digest) : undefined;

const BCRYPT = /^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;
const ARGON2 = /^\$argon2(id|i|d)\$(v=\d+\$)?m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;
const SCRYPT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([^$]+)\$([^$]+)$/;
const PBKDF2_PHC = /^\$pbkdf2(?:-(sha1|sha256|sha512))?\$i=(\d+)(?:,l=\d+)?\$([^$]+)\$([^$]+)$/;
const PBKDF2_PASSLIB = /^\$pbkdf2(?:-(sha256|sha512))?\$(\d+)\$([^$]+)\$([^$]+)$/;
const PBKDF2_DJANGO = /^pbkdf2_(sha1|sha256)\$(\d+)\$([^$]+)\$([A-Za-z0-9+/]+={0,2})$/;
const PBKDF2_WERKZEUG = /^pbkdf2:(sha1|sha256|sha512)(?::(\d+))?\$([^$]+)\$([0-9a-f]+)$/;

function parsePbkdf2(hash: string): Pbkdf2Hash | undefined {
  let parts: { digest?: string; iterations?: string; salt?: Buffer; expected?: Buffer } | undefined;
  const phc = PBKDF2_PHC.exec(hash) ?? PBKDF2_PASSLIB.exec(hash);
  if (phc)
    parts = {
      digest: phc[1],
      iterations: phc[2],
      salt: base64(phc[3] ?? ""),
      expected: base64(phc[4] ?? ""),
    };
  const django = PBKDF2_DJANGO.exec(hash);
  if (django) {
    parts = {
      digest: django[1],
      iterations: django[2],
      salt: Buffer.from(django[3] ?? "", "utf8"),
      expected: Buffer.from(django[4] ?? "", "base64"),
    };
  }
  const werkzeug = PBKDF2_WERKZEUG.exec(hash);
  if (werkzeug) {
    parts = {
      digest: werkzeug[1],
      // Werkzeug's historical default when the count is left out.
      iterations: werkzeug[2] ?? "150000",
      salt: Buffer.from(werkzeug[3] ?? "", "utf8"),
      expected: Buffer.from(werkzeug[4] ?? "", "hex"),
    };
  }
  const digest = digestOf(parts?.digest);
  const iterations = Number(parts?.iterations);
  if (!parts?.salt || !parts.expected || parts.expected.length < 16 || digest === undefined) return undefined;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) return undefined;
  return { digest, iterations, salt: parts.salt, expected: parts.expected };
}

function parseScrypt(hash: string): ScryptHash | undefined {
  const match = SCRYPT.exec(hash);
  if (!match) return undefined;
  const [logN, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const salt = base64(match[4] ?? "");
  const expected = base64(match[5] ?? "");
  if (!salt || !expected || expected.length < 16) return undefined;
  if (logN < 1 || logN > MAX_SCRYPT_LOG_N || r < 1 || p < 1 || 128 * 2 ** logN * r > MAX_SCRYPT_MEMORY) {
    return undefined;
  }
  if (r * p >= 2 ** 30) return undefined;
  return { logN, r, p, salt, expected };
}

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

function derivePbkdf2(parsed: Pbkdf2Hash, password: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    pbkdf2(
      password,
      parsed.salt,
      parsed.iterations,
      parsed.expected.length,
      DIGESTS[parsed.digest],
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

function deriveScrypt(parsed: ScryptHash, password: string): Promise<Buffer> {
  const N = 2 ** parsed.logN;
  const options = { N, r: parsed.r, p: parsed.p, maxmem: 128 * N * parsed.r + 64 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password, parsed.salt, parsed.expected.length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export function createForeignPasswordHashes(): ForeignPasswordHashes {
  function formatOf(hash: string): string | undefined {
    if (BCRYPT.test(hash)) return "bcrypt";
    const argon2 = ARGON2.exec(hash);
    if (argon2) return `argon2${argon2[1]}`;
    if (parseScrypt(hash)) return "scrypt";
    const pbkdf2Hash = parsePbkdf2(hash);
    if (pbkdf2Hash) return `pbkdf2-${pbkdf2Hash.digest}`;
    return undefined;
  }

  return {
    formatOf,
    async verify(hash, password) {
      try {
        if (BCRYPT.test(hash)) return await bcrypt.compare(password, hash);
        if (ARGON2.test(hash)) return await verifyArgon2(hash, password);
        const scryptHash = parseScrypt(hash);
        if (scryptHash) return sameBytes(await deriveScrypt(scryptHash, password), scryptHash.expected);
        const pbkdf2Hash = parsePbkdf2(hash);
        if (pbkdf2Hash) return sameBytes(await derivePbkdf2(pbkdf2Hash, password), pbkdf2Hash.expected);
      } catch {
        // A malformed hash that slipped past the patterns verifies nothing.
        return false;
      }
      return false;
    },
  };
}
