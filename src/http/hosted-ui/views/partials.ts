// Pieces the page templates share: messages, form fields, hidden fields, password rules.

export const ALERTS = `{{#alerts}}<div class="alert alert-{{level}} {{className}}" role="{{role}}" data-message-id="{{messageId}}">{{text}}</div>
{{/alerts}}`;

export const HIDDEN = `<input type="hidden" name="_csrf" value="{{csrfToken}}">
{{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">
{{/hidden}}`;

export const FIELDS = `{{#fields}}<div class="field">
<label class="label label-customizable" for="{{id}}">{{label}}{{#optionalText}} <span class="optional">{{optionalText}}</span>{{/optionalText}}</label>
{{#hint}}<p class="hint textDescription-customizable" id="{{id}}-hint">{{hint}}</p>
{{/hint}}{{#error}}<p class="field-error" id="{{id}}-error" data-message-id="{{messageId}}">{{text}}</p>
{{/error}}<input class="input inputField-customizable" id="{{id}}" name="{{name}}" type="{{type}}" value="{{value}}" autocomplete="{{autocomplete}}"{{#required}} required{{/required}}{{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}}{{#error}} aria-invalid="true"{{/error}}{{#inputMode}} inputmode="{{inputMode}}"{{/inputMode}}{{#autofocus}} autofocus{{/autofocus}}{{#minLength}} minlength="{{minLength}}"{{/minLength}}{{#maxLength}} maxlength="{{maxLength}}"{{/maxLength}} autocapitalize="none" spellcheck="false">
</div>
{{/fields}}`;

export const PASSWORD_RULES = `{{#passwordRules}}<div class="password-rules" id="password-rules">
<p class="textDescription-customizable">{{heading}}</p>
<ul>
{{#items}}<li>{{.}}</li>
{{/items}}</ul>
</div>
{{/passwordRules}}`;

export const SUBMIT = `<button type="submit" class="button submitButton-customizable">{{submitLabel}}</button>`;
