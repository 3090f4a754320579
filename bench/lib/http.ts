import { Pool } from "undici";
import { createSigner } from "./sigv4.js";
import type { AdminSigning } from "./types.js";

// HTTP helpers on undici (keep-alive pools), used by the load process and by the orchestrator's setup.

export const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";
export const TARGET_PREFIX = "AWSCognitoIdentityProviderService";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${body.slice(0, 300)}`);
  }
}

export interface Http {
  readonly host: string;
  /** POST an AWS JSON 1.1 action; signed with the admin credentials when `admin` is given. */
  json(action: string, body: unknown, admin?: AdminSigning): Promise<Record<string, unknown>>;
  /** The raw status and text of a JSON 1.1 call, for probes that expect errors. */
  jsonRaw(action: string, body: unknown): Promise<{ status: number; text: string }>;
  get(path: string): Promise<{ status: number; text: string }>;
  form(
    path: string,
    fields: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
  /** Drops every connection at once; requests in flight fail. */
  destroy(): Promise<void>;
}

export function createHttp(origin: string, connections: number): Http {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const host = new URL(origin).host;
  const signers = new Map<string, ReturnType<typeof createSigner>>();
  const signerFor = (admin: AdminSigning) => {
    let signer = signers.get(admin.accessKeyId);
    if (!signer) {
      signer = createSigner(admin);
      signers.set(admin.accessKeyId, signer);
    }
    return signer;
  };

  async function post(path: string, headers: Record<string, string>, body: string) {
    const response = await pool.request({ method: "POST", path, headers, body });
    return { status: response.statusCode, text: await response.body.text() };
  }

  async function jsonRaw(action: string, body: unknown, admin?: AdminSigning) {
    const text = JSON.stringify(body);
    const target = `${TARGET_PREFIX}.${action}`;
    const headers = admin
      ? signerFor(admin)(host, target, text)
      : { "content-type": JSON_CONTENT_TYPE, "x-amz-target": target };
    return post("/", headers, text);
  }

  return {
    host,
    async json(action, body, admin) {
      const { status, text } = await jsonRaw(action, body, admin);
      if (status !== 200) throw new HttpError(status, text, action);
      return JSON.parse(text) as Record<string, unknown>;
    },
    jsonRaw: (action, body) => jsonRaw(action, body),
    async get(path) {
      const response = await pool.request({ method: "GET", path });
      return { status: response.statusCode, text: await response.body.text() };
    },
    form(path, fields, headers = {}) {
      return post(
        path,
        { "content-type": "application/x-www-form-urlencoded", ...headers },
        new URLSearchParams(fields).toString(),
      );
    },
    close: () => pool.close(),
    destroy: () => pool.destroy(),
  };
}
