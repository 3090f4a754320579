// The hosted UI's stylesheet. Colours come from custom properties so the configured theme (theme.ts) can
// change them; Cognito's *-customizable classes come after in the cascade (UI customization CSS).
// Contrast: text #1f2933 on white 14:1, muted #4a5561 7.6:1, borders #6b7785 4.6:1, primary #0b5cad
// with white 6.6:1 (WCAG AA for text, 3:1 for controls and focus rings).

export const STYLESHEET = `
:root {
  --cg-primary: #0b5cad;
  --cg-primary-text: #ffffff;
  --cg-background: #eef1f5;
  --cg-card: #ffffff;
  --cg-text: #1f2933;
  --cg-muted: #4a5561;
  --cg-border: #6b7785;
  --cg-error: #b3261e;
  --cg-error-background: #fdecea;
  --cg-notice: #1e6b34;
  --cg-notice-background: #e7f4ea;
  --cg-radius: 8px;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--cg-background);
  color: var(--cg-text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.page {
  min-height: 100vh;
  display: flex;
  flex-direction: column;
  align-items: center;
  justify-content: center;
  padding: 2rem 1rem;
  gap: 1rem;
}
.card {
  width: 100%;
  max-width: 26rem;
  background: var(--cg-card);
  border-radius: var(--cg-radius);
  box-shadow: 0 1px 3px rgba(15, 23, 42, 0.12), 0 8px 24px rgba(15, 23, 42, 0.08);
  overflow: hidden;
}
.banner { padding: 1.5rem 2rem 0; text-align: center; }
.logo { display: block; margin: 0 auto; max-width: 100%; max-height: 5rem; }
.brand-name { margin: 0.5rem 0 0; font-weight: 600; font-size: 1.05rem; color: var(--cg-muted); }
.content { padding: 1.5rem 2rem 2rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1rem; }
.intro { margin: 0 0 1rem; color: var(--cg-muted); }
.form { margin: 0; }
.field { margin: 0 0 1rem; }
.label { display: block; font-weight: 600; margin: 0 0 0.25rem; }
.optional { font-weight: 400; color: var(--cg-muted); }
.hint { margin: 0 0 0.25rem; font-size: 0.875rem; color: var(--cg-muted); }
.field-error { margin: 0 0 0.25rem; font-size: 0.875rem; font-weight: 600; color: var(--cg-error); }
.input {
  display: block;
  width: 100%;
  min-height: 2.75rem;
  padding: 0.5rem 0.75rem;
  font: inherit;
  color: var(--cg-text);
  background: #ffffff;
  border: 1px solid var(--cg-border);
  border-radius: 6px;
}
.input[aria-invalid="true"] { border: 2px solid var(--cg-error); }
.input:focus { outline: 3px solid var(--cg-primary); outline-offset: 1px; border-color: var(--cg-primary); }
.button {
  display: block;
  width: 100%;
  min-height: 2.75rem;
  margin: 1.25rem 0 0;
  padding: 0.625rem 1rem;
  font: inherit;
  font-weight: 600;
  text-align: center;
  text-decoration: none;
  color: var(--cg-primary-text);
  background: var(--cg-primary);
  border: 2px solid transparent;
  border-radius: 6px;
  cursor: pointer;
}
.button:hover { filter: brightness(0.9); }
.button:focus-visible, .link-button:focus-visible, a:focus-visible {
  outline: 3px solid var(--cg-primary);
  outline-offset: 2px;
}
.button-secondary { color: var(--cg-primary); background: transparent; border-color: var(--cg-primary); }
.link-button {
  padding: 0;
  font: inherit;
  color: var(--cg-primary);
  text-decoration: underline;
  background: none;
  border: 0;
  cursor: pointer;
}
a { color: var(--cg-primary); }
.links { margin: 1rem 0 0; }
.form-inline p { margin: 1rem 0 0; }
.alert {
  margin: 0 0 1rem;
  padding: 0.75rem 1rem;
  border-left: 4px solid;
  border-radius: 4px;
}
.alert-error { color: #5f1410; background: var(--cg-error-background); border-color: var(--cg-error); }
.alert-notice { color: #0f3d1a; background: var(--cg-notice-background); border-color: var(--cg-notice); }
.detail { font-size: 0.875rem; color: var(--cg-muted); overflow-wrap: anywhere; }
.password-rules { margin: 0 0 1rem; font-size: 0.875rem; color: var(--cg-muted); }
.password-rules p { margin: 0; }
.password-rules ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
.options { margin: 0 0 1rem; padding: 0; border: 0; }
.option { display: block; padding: 0.25rem 0; }
.mfa-setup { text-align: center; margin: 0 0 1rem; }
.mfa-setup .step { margin: 0 0 0.75rem; text-align: left; }
.qr { display: block; width: 12rem; height: 12rem; margin: 0 auto 0.75rem; border: 1px solid #d9dee4; border-radius: 4px; }
.secret { margin: 0; }
.secret-code { display: inline-block; margin-top: 0.25rem; font-size: 1rem; letter-spacing: 0.05em; overflow-wrap: anywhere; }
.recovery-codes { margin: 0 0 1rem; }
.codes { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.25rem 1rem; margin: 0.5rem 0 0; padding: 0.75rem 1rem; list-style: none; background: #f4f6f8; border-radius: 6px; }
.codes code { font-size: 1rem; }
.option { padding: 0.5rem 0; }
.option input { width: 1.125rem; height: 1.125rem; margin: 0 0.5rem 0 0; vertical-align: -0.2rem; accent-color: var(--cg-primary); }
.passkey { margin: 0 0 1rem; }
.passkey .button { margin-top: 0; }
.passkey-status { margin: 0.5rem 0 0; min-height: 1.25rem; }
.idps { margin: 1.5rem 0 0; padding: 1rem 0 0; border-top: 1px solid #d9dee4; }
.languages ul { display: flex; flex-wrap: wrap; justify-content: center; gap: 0.25rem 1rem; margin: 0; padding: 0; list-style: none; font-size: 0.875rem; }
.languages span { font-weight: 600; }
@media (max-width: 30rem) {
  .page { padding: 0 0 1rem; justify-content: flex-start; }
  .card { max-width: none; border-radius: 0; box-shadow: none; }
  .banner { padding: 1.25rem 1.25rem 0; }
  .content { padding: 1.25rem 1.25rem 1.5rem; }
}
`;
