import type { FastifyRequest } from "fastify";

// Form posts arrive as raw text (the server keeps bodies as strings); parse application/x-www-form-urlencoded.
// Anything else is treated as an empty form (and so fails the CSRF check).

const MAX_FORM_BYTES = 64 * 1024;

export function readForm(request: FastifyRequest): Record<string, string> {
  const type = String(request.headers["content-type"] ?? "").toLowerCase();
  const body = typeof request.body === "string" ? request.body : "";
  if (!type.startsWith("application/x-www-form-urlencoded") || body.length > MAX_FORM_BYTES) return {};
  const form: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (!(key in form)) form[key] = value;
  }
  return form;
}
