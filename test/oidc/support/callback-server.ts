import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// The app's side of the redirect: a tiny HTTP server whose /callback records what the browser brought
// back (code, state, error) and shows a plain page, as a client application would.

export interface CallbackServer {
  /** http://localhost:{port}/callback, to register as a CallbackURL. */
  callbackUrl: string;
  /** http://localhost:{port}/signed-out, to register as a LogoutURL. */
  logoutUrl: string;
  /** Every URL the browser brought, oldest first. */
  hits: URL[];
  close(): Promise<void>;
}

export async function startCallbackServer(): Promise<CallbackServer> {
  const hits: URL[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    hits.push(url);
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(
      `<!doctype html><title>App</title><h1 id="app">${url.pathname === "/signed-out" ? "Signed out" : "Back in the app"}</h1>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    callbackUrl: `http://localhost:${port}/callback`,
    logoutUrl: `http://localhost:${port}/signed-out`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
