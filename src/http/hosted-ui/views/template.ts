// A small logic-less template language with automatic HTML escaping (a subset of Mustache):
//   {{name}} / {{a.b}}      the value, HTML-escaped (there is no unescaped form, on purpose)
//   {{#name}}…{{/name}}     repeat for each item of a list, or render once if the value is truthy
//   {{^name}}…{{/name}}     render when the value is falsy or an empty list
//   {{> partial}}           another template, with the same data
//   {{! comment}}           nothing (used to mark the slots other features fill)
//   {{.}}                   the current item of a list
// Templates cannot compute: view models hand them every string, already translated.

type Node =
  | { kind: "text"; text: string }
  | { kind: "value"; path: string }
  | { kind: "section"; path: string; inverted: boolean; children: Node[] }
  | { kind: "partial"; name: string };

export type Compiled = Node[];
export type ViewData = { [key: string]: unknown };

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

// A tag runs to the first "}}", so comments may hold single braces.
const TAG = /\{\{\s*([#^/>!]?)\s*([\s\S]*?)\s*\}\}/g;

export function compileTemplate(source: string, name: string): Compiled {
  const root: Node[] = [];
  const stack: Array<{ path: string; children: Node[] }> = [{ path: "", children: root }];
  let last = 0;
  const top = () => stack[stack.length - 1] as { path: string; children: Node[] };
  for (let match = TAG.exec(source); match; match = TAG.exec(source)) {
    if (match.index > last) top().children.push({ kind: "text", text: source.slice(last, match.index) });
    last = match.index + match[0].length;
    const [, sigil, body = ""] = match;
    if (sigil === "!") continue;
    if (sigil === "#" || sigil === "^") {
      const children: Node[] = [];
      top().children.push({ kind: "section", path: body, inverted: sigil === "^", children });
      stack.push({ path: body, children });
    } else if (sigil === "/") {
      if (stack.length === 1 || top().path !== body) {
        throw new TemplateError(`${name}: {{/${body}}} closes nothing open`);
      }
      stack.pop();
    } else if (sigil === ">") {
      top().children.push({ kind: "partial", name: body });
    } else {
      top().children.push({ kind: "value", path: body });
    }
  }
  if (stack.length > 1) throw new TemplateError(`${name}: {{#${top().path}}} is never closed`);
  if (last < source.length) root.push({ kind: "text", text: source.slice(last) });
  return root;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

/** Safe in text and in quoted attribute values (every template quotes its attributes). */
export const escapeHtml = (value: string) => value.replace(/[&<>"'`]/g, (ch) => ESCAPES[ch] ?? ch);

function lookup(contexts: readonly unknown[], path: string): unknown {
  if (path === ".") return contexts[contexts.length - 1];
  const [head = "", ...rest] = path.split(".");
  for (let index = contexts.length - 1; index >= 0; index--) {
    const context = contexts[index];
    if (context !== null && typeof context === "object" && head in context) {
      let value: unknown = (context as ViewData)[head];
      for (const key of rest) {
        value = value !== null && typeof value === "object" ? (value as ViewData)[key] : undefined;
      }
      return value;
    }
  }
  return undefined;
}

const isFalsy = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === false ||
  value === "" ||
  (Array.isArray(value) && value.length === 0);

export type PartialLookup = (name: string) => Compiled;

export function renderCompiled(
  nodes: Compiled,
  contexts: readonly unknown[],
  partials: PartialLookup,
  depth = 0,
): string {
  if (depth > 20) throw new TemplateError("partials nest too deeply");
  let out = "";
  for (const node of nodes) {
    switch (node.kind) {
      case "text":
        out += node.text;
        break;
      case "value": {
        const value = lookup(contexts, node.path);
        if (typeof value === "string") out += escapeHtml(value);
        else if (typeof value === "number") out += String(value);
        break;
      }
      case "section": {
        const value = lookup(contexts, node.path);
        if (node.inverted) {
          if (isFalsy(value)) out += renderCompiled(node.children, contexts, partials, depth);
        } else if (Array.isArray(value)) {
          for (const item of value)
            out += renderCompiled(node.children, [...contexts, item], partials, depth);
        } else if (!isFalsy(value)) {
          const next = typeof value === "object" ? [...contexts, value] : contexts;
          out += renderCompiled(node.children, next, partials, depth);
        }
        break;
      }
      case "partial":
        out += renderCompiled(partials(node.name), contexts, partials, depth + 1);
        break;
    }
  }
  return out;
}
