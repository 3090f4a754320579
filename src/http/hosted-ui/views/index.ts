import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LAYOUT } from "./layout.js";
import {
  CHALLENGE,
  CONFIRM_FORGOT_PASSWORD,
  CONFIRM_SIGNUP,
  FORGOT_PASSWORD,
  LOGIN,
  MESSAGE,
  SIGNUP,
} from "./pages.js";
import { ALERTS, FIELDS, HIDDEN, PASSWORD_RULES, SUBMIT } from "./partials.js";
import { type Compiled, compileTemplate, renderCompiled, TemplateError, type ViewData } from "./template.js";

// The built-in templates, and the override folder (COGNATE_HOSTED_UI_TEMPLATE_DIR): a file named
// `<template>.html` there replaces the built-in template of that name (layout, login, alerts, …).
// Overrides use the same escaping template language and are read once, at start.

const BUILT_IN = {
  layout: LAYOUT,
  login: LOGIN,
  signup: SIGNUP,
  "confirm-signup": CONFIRM_SIGNUP,
  "forgot-password": FORGOT_PASSWORD,
  "confirm-forgot-password": CONFIRM_FORGOT_PASSWORD,
  challenge: CHALLENGE,
  message: MESSAGE,
  alerts: ALERTS,
  hidden: HIDDEN,
  fields: FIELDS,
  passwordRules: PASSWORD_RULES,
  submit: SUBMIT,
} as const;

export type TemplateName = keyof typeof BUILT_IN;
export type PageTemplate = Exclude<
  TemplateName,
  "layout" | "alerts" | "hidden" | "fields" | "passwordRules" | "submit"
>;
export const TEMPLATE_NAMES = Object.keys(BUILT_IN) as TemplateName[];

export interface Views {
  /** The whole HTML document: `page` inside the layout. */
  renderPage(page: PageTemplate, data: ViewData): string;
  /** Which templates came from the override folder. */
  overridden: readonly TemplateName[];
}

export function loadViews(overrideDir?: string): Views {
  const compiled = new Map<string, Compiled>();
  const overridden: TemplateName[] = [];
  for (const name of TEMPLATE_NAMES) {
    const file = overrideDir ? join(overrideDir, `${name}.html`) : undefined;
    const source = file && existsSync(file) ? readFileSync(file, "utf8") : BUILT_IN[name];
    if (source !== BUILT_IN[name]) overridden.push(name);
    compiled.set(name, compileTemplate(source, name));
  }
  const get = (name: string): Compiled => {
    const template = compiled.get(name);
    if (!template) throw new TemplateError(`no template named ${name}`);
    return template;
  };
  return {
    overridden,
    renderPage(page, data) {
      const partials = (name: string) => get(name === "content" ? page : name);
      return renderCompiled(get("layout"), [data], partials);
    },
  };
}
