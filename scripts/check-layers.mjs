#!/usr/bin/env node
// Fails (exit 1, listing each violation) when an import in src/ breaks the layering of docs/ARCHITECTURE:
//   domain/                  imports only domain/ and shared/ (no packages, no node: modules: it does no I/O)
//   shared/                  imports only shared/ (and node: modules)
//   ports/                   imports only ports/, domain/ and shared/
//   app/                     never imports http/, storage/, integrations/, config/, cli/ or an npm package
//                            outside APP_PACKAGES
//   http/                    never imports storage/, integrations/ or cli/
//   storage/, integrations/  never import app/, http/ or cli/
//   main.ts and cli/         may import anything; nothing else imports them
//   process.env              is read only in config/ and cli/
// Usage: node scripts/check-layers.mjs [sourceRoot]   (default: src)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/** npm packages use cases may import (none so far: app/ talks to the world through ports/). */
const APP_PACKAGES = new Set([]);

const root = resolve(process.argv[2] ?? "src");

function sourceFiles(directory) {
  const files = [];
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) files.push(path);
  }
  return files;
}

/** Every module specifier of static imports, re-exports, dynamic imports and require(). */
function specifiers(text) {
  const found = new Set();
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\sfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) found.add(match[1]);
  }
  return [...found];
}

/** "domain", "app", …, "main.ts" for a file under the root; undefined outside it. */
function layerOfPath(path) {
  const inside = relative(root, path);
  if (inside.startsWith("..")) return undefined;
  return inside.split(sep)[0];
}

/** What a specifier points at: a layer of src/, a node: module, or an npm package. */
function target(file, specifier) {
  if (specifier.startsWith(".")) {
    const layer = layerOfPath(resolve(dirname(file), specifier));
    return layer === undefined ? { kind: "outside", name: specifier } : { kind: "layer", name: layer };
  }
  if (specifier.startsWith("node:")) return { kind: "node", name: specifier };
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return { kind: "package", name };
}

const only = (layers, allowNode) => (to) =>
  (to.kind === "layer" && layers.includes(to.name)) || (allowNode && to.kind === "node")
    ? undefined
    : `may import only ${layers.map((layer) => `${layer}/`).join(", ")}${allowNode ? " and node: modules" : ""}`;

const never = (layers) => (to) =>
  to.kind === "layer" && layers.includes(to.name) ? `must not import ${to.name}/` : undefined;

const RULES = {
  domain: only(["domain", "shared"], false),
  shared: only(["shared"], true),
  ports: only(["ports", "domain", "shared"], false),
  app: (to) =>
    never(["http", "storage", "integrations", "config", "cli", "main.ts"])(to) ??
    (to.kind === "package" && !APP_PACKAGES.has(to.name)
      ? `must not import the npm package ${to.name} (use a port)`
      : undefined),
  http: never(["storage", "integrations", "cli", "main.ts"]),
  storage: never(["app", "http", "cli", "main.ts"]),
  integrations: never(["app", "http", "cli", "main.ts"]),
  config: never(["cli", "main.ts"]),
};

/** Lines that are code, roughly: comment lines are skipped so prose may name process.env. */
function codeLines(text) {
  return text.split("\n").filter((line) => {
    const trimmed = line.trim();
    return !(trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*"));
  });
}

const violations = [];
for (const file of sourceFiles(root)) {
  const from = layerOfPath(file);
  const shown = relative(process.cwd(), file);
  const text = readFileSync(file, "utf8");
  const rule = RULES[from];
  for (const specifier of specifiers(text)) {
    const to = target(file, specifier);
    if (to.kind === "outside") {
      violations.push(`${shown}: imports ${specifier}, outside ${relative(process.cwd(), root) || "."}/`);
      continue;
    }
    const problem = rule?.(to);
    if (problem) violations.push(`${shown}: imports "${specifier}" but ${from}/ ${problem}`);
  }
  if (from !== "config" && from !== "cli" && codeLines(text).some((line) => /\bprocess\.env\b/.test(line))) {
    violations.push(
      `${shown}: reads process.env; only config/ and cli/ may (pass settings in through Config)`,
    );
  }
}

if (violations.length > 0) {
  process.stderr.write(
    `Layering violations (${violations.length}):\n${violations.map((v) => `  ${v}`).join("\n")}\n`,
  );
  process.exit(1);
}
process.stdout.write(`Layering OK (${relative(process.cwd(), root) || "."}/)\n`);
