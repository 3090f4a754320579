import { createHash, createHmac } from "node:crypto";
import type { AdminSigning } from "./types.js";

// A minimal SigV4 signer for AWS JSON 1.1 POSTs to "/", cheap enough for the load loop (the signing key
// is derived once per day; each request costs two SHA-256 and one HMAC).

const SERVICE = "cognito-idp";
const CONTENT_TYPE = "application/x-amz-json-1.1";

const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();
const sha256Hex = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");

export function createSigner(credentials: AdminSigning) {
  let keyDay = "";
  let key: Buffer = Buffer.alloc(0);
  return function sign(host: string, target: string, body: string): Record<string, string> {
    const amzDate = new Date()
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
    const day = amzDate.slice(0, 8);
    if (day !== keyDay) {
      keyDay = day;
      key = hmac(
        hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), credentials.region), SERVICE),
        "aws4_request",
      );
    }
    const signedHeaders = "content-type;host;x-amz-date;x-amz-target";
    const canonical = [
      "POST",
      "/",
      "",
      `content-type:${CONTENT_TYPE}`,
      `host:${host}`,
      `x-amz-date:${amzDate}`,
      `x-amz-target:${target}`,
      "",
      signedHeaders,
      sha256Hex(body),
    ].join("\n");
    const scope = `${day}/${credentials.region}/${SERVICE}/aws4_request`;
    const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical)].join("\n");
    const signature = hmac(key, toSign).toString("hex");
    return {
      "content-type": CONTENT_TYPE,
      "x-amz-date": amzDate,
      "x-amz-target": target,
      authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    };
  };
}
