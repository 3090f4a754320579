import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCustomCss, renderCustomCss } from "../../src/app/hosted-ui/ui-customization-css.js";
import { readableTextOn, themeStylesheet } from "../../src/http/hosted-ui/assets/theme.js";
import { chooseLanguage, translator } from "../../src/http/hosted-ui/i18n/catalogue.js";
import { DE } from "../../src/http/hosted-ui/i18n/de.js";
import { EN } from "../../src/http/hosted-ui/i18n/en.js";
import { ES } from "../../src/http/hosted-ui/i18n/es.js";
import { loadViews } from "../../src/http/hosted-ui/views/index.js";
import { compileTemplate, renderCompiled, TemplateError } from "../../src/http/hosted-ui/views/template.js";

// The hosted UI's pure pieces: the escaping template language, Cognito's CSS rules, the theme and the
// language choice, and the catalogues' completeness.

const render = (source: string, data: unknown, partials: Record<string, string> = {}) =>
  renderCompiled(compileTemplate(source, "t"), [data], (name) => compileTemplate(partials[name] ?? "", name));

describe("hosted UI templates", () => {
  it("escapes every value, including in attributes, and has no unescaped form", () => {
    const out = render('<a title="{{v}}">{{v}}</a>{{{v}}}', { v: `"><script>alert('x')</script>&=\`` });
    expect(out).not.toContain("<script>");
    expect(out).toContain("&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;=&#96;");
    // Mustache's triple braces are not an escape hatch here: they print nothing of the value.
    expect(out.split("&quot;&gt;&lt;script").length).toBe(3);
  });

  it("repeats lists, shows sections for truthy values, inverted sections for falsy ones, and partials", () => {
    const out = render(
      "{{#items}}[{{name}}]{{/items}}{{^none}}empty{{/none}}{{#flag}}!{{/flag}}{{> p}}",
      {
        items: [{ name: "a" }, { name: "b" }],
        none: [],
        flag: true,
        who: "x",
      },
      { p: "<{{who}}>" },
    );
    expect(out).toBe("[a][b]empty!<x>");
  });

  it("rejects unbalanced sections", () => {
    expect(() => compileTemplate("{{#a}}x", "t")).toThrow(TemplateError);
    expect(() => compileTemplate("{{/a}}", "t")).toThrow(TemplateError);
  });

  it("takes a template from the override folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "cognate-views-"));
    writeFileSync(join(dir, "message.html"), '<p class="mine">{{heading}}</p>');
    const views = loadViews(dir);
    expect(views.overridden).toEqual(["message"]);
    const html = views.renderPage("message", {
      heading: "<b>",
      lang: "en",
      languages: [],
      stylesheets: [],
      brand: {},
    });
    expect(html).toContain('<p class="mine">&lt;b&gt;</p>');
  });
});

describe("UI customization CSS", () => {
  it("keeps Cognito's properties per class and drops the others", () => {
    const rules = checkCustomCss(
      "/* brand */ .submitButton-customizable { background-color: #123456; position: fixed }\n.label-customizable, .logo-customizable { font-weight: 700; max-width: 60% }",
    );
    expect(renderCustomCss(rules)).toBe(
      ".submitButton-customizable {\n  background-color: #123456;\n}\n.label-customizable {\n  font-weight: 700;\n}\n.logo-customizable {\n  max-width: 60%;\n}",
    );
  });

  it.each([
    [".other { color: red }"],
    ["@media (max-width: 1px) { .label-customizable { font-weight: 100 } }"],
    [".label-customizable { font-weight: 100 } stray"],
    [".inputField-customizable { background-color: url(x) }"],
    [".inputField-customizable { color: expression(alert(1)) }"],
    [".inputField-customizable { color: red; } </style>"],
    [".inputField-customizable { color: \\72 ed }"],
    [".inputField-customizable { color }"],
  ])("rejects %s", (css) => {
    expect(() => checkCustomCss(css)).toThrow(/Invalid CSS/);
  });
});

describe("theme and languages", () => {
  it("builds theme CSS from hex colours only, with readable button text", () => {
    expect(themeStylesheet({ primaryColor: "#ffcc00", backgroundColor: "red;}body{" })).toBe(
      ":root {\n  --cg-primary: #ffcc00;\n  --cg-primary-text: #111111;\n}\n",
    );
    expect(readableTextOn("#0b5cad")).toBe("#ffffff");
    expect(themeStylesheet({ textColor: "blue" })).toBeUndefined();
  });

  it("chooses lang, then Accept-Language by q-value, then English", () => {
    expect(chooseLanguage("es", "de")).toBe("es");
    expect(chooseLanguage("fr", "fr-FR, de-AT;q=0.8, es;q=0.9")).toBe("es");
    expect(chooseLanguage(undefined, "de-CH")).toBe("de");
    expect(chooseLanguage(undefined, "ja, ko;q=0.5")).toBe("en");
    expect(translator("de")("password.rule_length", { min: 12 })).toBe("Mindestens 12 Zeichen");
  });

  it("has every message in every language, with the same placeholders", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const catalogue of [ES, DE]) {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(EN).sort());
      for (const [id, text] of Object.entries(EN)) {
        expect(placeholders(catalogue[id as keyof typeof EN]), id).toEqual(placeholders(text));
      }
    }
  });
});
