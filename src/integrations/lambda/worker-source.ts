// The code each trigger worker runs. It is kept as a string and started with `eval: true` so the same
// worker starts under tsx, vitest and the built dist alike, with no loader to configure.
//
// Inside the worker, as on Lambda's Node.js runtime:
// - the module is imported once (cold start) and reused for later invocations (warm starts);
// - `handler(event, context)` may be async, or take a third `callback(error, result)` argument;
//   context.done / succeed / fail work too; the result is passed through JSON, as Lambda does;
// - console output is forwarded to the parent, which logs it tagged with the trigger;
// - an exception that escapes the handler (a throw in a timer, an unhandled rejection) kills the worker:
//   the parent reports a crash, as Lambda reports "Runtime exited with error".
//
// Messages: parent → worker {id, event, timeoutMs}; worker → parent {type: "log", level, text},
// {type: "result", id, json} or {type: "error", id, errorType, errorMessage}.

export const WORKER_SOURCE = String.raw`
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const { format } = require("node:util");
const { pathToFileURL } = require("node:url");
const { randomUUID } = require("node:crypto");

for (const level of ["log", "info", "warn", "error", "debug", "trace"]) {
  console[level] = (...args) => parentPort.postMessage({ type: "log", level, text: format(...args) });
}

let handlerPromise;
function loadHandler() {
  handlerPromise ??= import(pathToFileURL(workerData.modulePath).href).then((mod) => {
    const candidate =
      typeof mod.handler === "function"
        ? mod.handler
        : mod.default && typeof mod.default.handler === "function"
          ? mod.default.handler
          : typeof mod.default === "function"
            ? mod.default
            : undefined;
    if (!candidate) {
      const error = new Error(workerData.functionName + ".handler is undefined or not exported");
      error.name = "Runtime.HandlerNotFound";
      throw error;
    }
    return candidate;
  });
  return handlerPromise;
}

function describeError(error) {
  if (error instanceof Error) return { errorType: error.name || "Error", errorMessage: error.message };
  if (error === undefined || error === null) return { errorType: "Error", errorMessage: String(error) };
  if (typeof error === "object") {
    try {
      return { errorType: "Error", errorMessage: JSON.stringify(error) };
    } catch {
      return { errorType: "Error", errorMessage: String(error) };
    }
  }
  return { errorType: "Error", errorMessage: String(error) };
}

parentPort.on("message", async (message) => {
  const { id, event, timeoutMs } = message;
  const deadline = Date.now() + timeoutMs;
  let settled = false;
  const finish = (error, value) => {
    if (settled) return;
    settled = true;
    if (error !== undefined && error !== null) {
      parentPort.postMessage({ type: "error", id, ...describeError(error) });
      return;
    }
    let json;
    try {
      json = JSON.stringify(value === undefined ? null : value);
    } catch (cause) {
      parentPort.postMessage({ type: "error", id, ...describeError(cause) });
      return;
    }
    parentPort.postMessage({ type: "result", id, json });
  };

  let handler;
  try {
    handler = await loadHandler();
  } catch (error) {
    const described = describeError(error);
    if (described.errorType !== "Runtime.HandlerNotFound") described.errorType = "Runtime.ImportModuleError";
    parentPort.postMessage({ type: "error", id, ...described });
    return;
  }
  const context = {
    functionName: workerData.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: workerData.arn,
    memoryLimitInMB: String(workerData.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: "/aws/lambda/" + workerData.functionName,
    logStreamName: "cognate",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: (error, value) => finish(error, value),
    succeed: (value) => finish(null, value),
    fail: (error) => finish(error ?? new Error("failed")),
  };
  try {
    const returned =
      handler.length >= 3 ? handler(event, context, (error, value) => finish(error, value)) : handler(event, context);
    if (returned && typeof returned.then === "function") {
      returned.then(
        (value) => finish(null, value),
        (error) => finish(error ?? new Error("rejected")),
      );
    } else if (handler.length < 3) {
      finish(null, returned);
    }
  } catch (error) {
    finish(error ?? new Error("thrown"));
  }
});
`;
