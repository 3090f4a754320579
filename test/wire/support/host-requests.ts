import { request as httpRequest } from "node:http";

/** GET with a chosen Host header; the body as text, redirects not followed. */
export function getWithHost(url: string, host: string) {
  return new Promise<{ status: number; location?: string; body: string }>((resolve, reject) => {
    const request = httpRequest(url, { method: "GET", headers: { host } }, (response) => {
      let text = "";
      response.on("data", (chunk) => {
        text += chunk;
      });
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          ...(response.headers.location ? { location: response.headers.location } : {}),
          body: text,
        }),
      );
    });
    request.on("error", reject);
    request.end();
  });
}

/** POST a form with a chosen Host header (fetch does not let callers set Host). */
export function postWithHost(url: string, host: string, form: Record<string, string>, authorization: string) {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const body = new URLSearchParams(form).toString();
    const request = httpRequest(
      url,
      {
        method: "POST",
        headers: {
          host,
          authorization,
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
