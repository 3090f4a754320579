import { request as httpRequest } from "node:http";

// A minimal browser stand-in for header and CSRF tests: keeps cookies, reads the CSRF token of a page,
// posts forms, never follows redirects.

export interface PageResponse {
  status: number;
  headers: Headers;
  body: string;
  setCookies: string[];
}

export class FormClient {
  readonly cookies = new Map<string, string>();

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private remember(response: Response): string[] {
    const setCookies = response.headers.getSetCookie();
    for (const cookie of setCookies) {
      const [pair = ""] = cookie.split(";");
      const equals = pair.indexOf("=");
      const name = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      if (/Max-Age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return setCookies;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<PageResponse> {
    const response = await fetch(url, {
      redirect: "manual",
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    const setCookies = this.remember(response);
    return { status: response.status, headers: response.headers, body: await response.text(), setCookies };
  }

  async post(
    url: string,
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<PageResponse> {
    const response = await fetch(url, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: this.cookieHeader(),
        ...headers,
      },
      body: new URLSearchParams(form).toString(),
    });
    const setCookies = this.remember(response);
    return { status: response.status, headers: response.headers, body: await response.text(), setCookies };
  }
}

export const csrfFrom = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";

/** GET with a chosen Host header (fetch forbids setting Host): a pool domain's root. */
export function getWithHost(
  url: string,
  host: string,
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { host } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
      );
    });
    request.on("error", reject);
    request.end();
  });
}
