// One template per page. They hold no logic: the view models give every string, already translated.
// Regions marked SLOT are filled by later features through view-model fields, not by editing templates.

export const LOGIN = `<h1>{{heading}}</h1>
{{> alerts}}
<form method="post" action="{{formAction}}" class="form">
{{> hidden}}
{{> fields}}
{{> submit}}
{{! SLOT other-ways: pools with passwordless first factors offer choice-based sign-in (USER_AUTH) }}
{{#otherWays}}<button type="submit" name="action" value="choose" formnovalidate class="button button-secondary">{{label}}</button>
{{/otherWays}}</form>
<p class="links"><a class="redirect-customizable" href="{{forgotPassword.href}}">{{forgotPassword.text}}</a></p>
{{#signUp}}<p class="links">{{prompt}} <a class="redirect-customizable" href="{{href}}">{{text}}</a></p>
{{/signUp}}{{! SLOT identity-providers: federation fills identityProviders with heading and items (href, text) }}
{{#identityProviders}}<div class="idps">
<p class="idpDescription-customizable">{{heading}}</p>
{{#items}}<a class="button button-secondary idpButton-customizable" href="{{href}}">{{text}}</a>
{{/items}}</div>
{{/identityProviders}}`;

export const SIGNUP = `<h1>{{heading}}</h1>
{{> alerts}}
<form method="post" action="{{formAction}}" class="form">
{{> hidden}}
{{> fields}}
{{> passwordRules}}
{{> submit}}
</form>
<p class="links">{{signIn.prompt}} <a class="redirect-customizable" href="{{signIn.href}}">{{signIn.text}}</a></p>`;

export const CONFIRM_SIGNUP = `<h1>{{heading}}</h1>
{{#intro}}<p class="intro textDescription-customizable">{{intro}}</p>
{{/intro}}{{> alerts}}
<form method="post" action="{{formAction}}" class="form">
{{> hidden}}
{{> fields}}
{{> submit}}
</form>
<form method="post" action="{{resend.formAction}}" class="form form-inline">
<input type="hidden" name="_csrf" value="{{csrfToken}}">
{{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">
{{/hidden}}<p>{{resend.prompt}} <button type="submit" class="link-button">{{resend.submitLabel}}</button></p>
</form>
<p class="links"><a class="redirect-customizable" href="{{signIn.href}}">{{signIn.text}}</a></p>`;

export const FORGOT_PASSWORD = `<h1>{{heading}}</h1>
<p class="intro textDescription-customizable">{{intro}}</p>
{{> alerts}}
<form method="post" action="{{formAction}}" class="form">
{{> hidden}}
{{> fields}}
{{> submit}}
</form>
<p class="links"><a class="redirect-customizable" href="{{signIn.href}}">{{signIn.text}}</a></p>`;

export const CONFIRM_FORGOT_PASSWORD = `<h1>{{heading}}</h1>
{{#intro}}<p class="intro textDescription-customizable">{{intro}}</p>
{{/intro}}{{> alerts}}
<form method="post" action="{{formAction}}" class="form">
{{> hidden}}
{{> fields}}
{{> passwordRules}}
{{> submit}}
</form>
<p class="links"><a class="redirect-customizable" href="{{newCode.href}}">{{newCode.text}}</a></p>
<p class="links"><a class="redirect-customizable" href="{{signIn.href}}">{{signIn.text}}</a></p>`;

/**
 * Every challenge page (new password, MFA codes, factor choice, TOTP setup, passkeys) and the passkey
 * registration page: each fills the slots it needs.
 */
export const CHALLENGE = `<h1>{{heading}}</h1>
{{#intro}}<p class="intro textDescription-customizable">{{intro}}</p>
{{/intro}}{{> alerts}}
<form method="post" action="{{formAction}}" class="form" data-challenge="{{challengeName}}">
{{> hidden}}
{{! SLOT mfa-setup: MFA_SETUP fills mfaSetup with steps, qrCodeDataUrl, qrCodeAlt, secretLabel, secretCode }}
{{#mfaSetup}}<div class="mfa-setup">
{{#steps}}<p class="step textDescription-customizable">{{.}}</p>
{{/steps}}{{#qrCodeDataUrl}}<img class="qr" src="{{qrCodeDataUrl}}" alt="{{qrCodeAlt}}" width="192" height="192">
{{/qrCodeDataUrl}}<p class="secret textDescription-customizable">{{secretLabel}}<br><code class="secret-code">{{secretCode}}</code></p>
</div>
{{/mfaSetup}}{{! SLOT recovery-codes: after TOTP setup, recoveryCodes with codes }}
{{#recoveryCodes}}<div class="recovery-codes">
<ul class="codes">
{{#codes}}<li><code>{{.}}</code></li>
{{/codes}}</ul>
</div>
{{/recoveryCodes}}{{! SLOT mfa-select: SELECT_MFA_TYPE / SELECT_CHALLENGE fill mfaOptions with legend and options (name, value, label, checked) }}
{{#mfaOptions}}<fieldset class="options"><legend>{{legend}}</legend>
{{#options}}<label class="option"><input type="radio" name="{{name}}" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label>
{{/options}}</fieldset>
{{/mfaOptions}}{{! SLOT passkey: passkey sign-in and registration (passkey.js reads the data attributes) }}
{{#passkey}}<div class="passkey" id="passkey" data-mode="{{mode}}" data-options="{{options}}" data-waiting="{{waiting}}" data-failed="{{failed}}" data-unsupported="{{unsupported}}">
<input type="hidden" name="credential" value="">
<button type="button" class="button" id="passkey-start">{{startLabel}}</button>
<p class="hint passkey-status" id="passkey-status" role="status" aria-live="polite"></p>
<noscript><p class="alert alert-error">{{noScript}}</p></noscript>
</div>
{{/passkey}}{{#fieldsIntro}}<p class="textDescription-customizable">{{fieldsIntro}}</p>
{{/fieldsIntro}}{{> fields}}
{{> passwordRules}}
{{#submitLabel}}{{> submit}}{{/submitLabel}}
</form>
{{#alternatives}}<p class="links"><a class="redirect-customizable" href="{{href}}">{{text}}</a></p>
{{/alternatives}}{{#signIn}}<p class="links"><a class="redirect-customizable" href="{{href}}">{{text}}</a></p>
{{/signIn}}`;

/** Outcome pages: errors, and results such as a confirmed link. */
export const MESSAGE = `<h1>{{heading}}</h1>
{{> alerts}}
{{#detail}}<p class="detail">{{detail}}</p>
{{/detail}}{{#back}}<p class="links"><a class="redirect-customizable" href="{{href}}">{{text}}</a></p>
{{/back}}`;
