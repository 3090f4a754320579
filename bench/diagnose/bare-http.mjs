// What Node's own HTTP server costs per request on this machine, as a reference for (e) and (g): a bare
// node:http server pinned to core 0 parses each POST's JSON body and answers a fixed GetUser-shaped body;
// this process, pinned to core 1, keeps 32 keep-alive requests in flight with undici and reads the
// server's CPU time from /proc. 1000 ÷ (server CPU ms per request) is the most requests per second any
// Node server doing more per request could reach on one of these cores.
//
//   taskset -c 1 node bench/diagnose/bare-http.mjs [seconds]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { Pool } from "undici";

const SERVER = `
import http from "node:http";
const body = JSON.stringify({ Username: "bench-user-1", UserAttributes: [
  { Name: "sub", Value: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0" },
  { Name: "email", Value: "bench-user-1@bench.example" }, { Name: "email_verified", Value: "true" }],
  MFAOptions: [], UserMFASettingList: [] });
const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    JSON.parse(Buffer.concat(chunks).toString("utf8"));
    response.writeHead(200, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": crypto.randomUUID() });
    response.end(body);
  });
});
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
`;

const seconds = Number(process.argv[2] ?? 8);
const TICK_MS = 10; // USER_HZ is 100 on Linux
const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
};

const child = spawn(
  "taskset",
  ["-c", "0", process.execPath, "--single-threaded-gc", "--input-type=module", "-e", SERVER],
  { stdio: ["ignore", "pipe", "inherit"] },
);
const port = await new Promise((resolve) => child.stdout.once("data", (chunk) => resolve(Number(chunk))));
const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 32 });
const payload = JSON.stringify({ AccessToken: "x".repeat(900) });

async function load(ms) {
  let requests = 0;
  const end = Date.now() + ms;
  const worker = async () => {
    while (Date.now() < end) {
      const response = await pool.request({
        path: "/",
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": "AWSCognitoIdentityProviderService.GetUser",
        },
        body: payload,
      });
      await response.body.text();
      requests++;
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  return requests;
}

try {
  await load(2000); // warm-up
  await sleep(200);
  const cpuBefore = cpuMs(child.pid);
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  const requests = await load(seconds * 1000);
  const elapsed = performance.now() - started;
  const serverCpu = cpuMs(child.pid) - cpuBefore;
  const own = process.cpuUsage(ownBefore);
  const perRequest = serverCpu / requests;
  console.log(
    JSON.stringify({
      requestsPerSecond: Math.round((requests * 1000) / elapsed),
      serverCpuMsPerRequest: Number(perRequest.toFixed(4)),
      serverCoreBusy: Number((serverCpu / elapsed).toFixed(2)),
      loadCoreBusy: Number(((own.user + own.system) / 1000 / elapsed).toFixed(2)),
      ceilingPerSecond: Math.round(1000 / perRequest),
    }),
  );
} finally {
  await pool.close();
  child.kill();
}
