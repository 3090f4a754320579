import { createHash } from "node:crypto";

// The passkey pages' only script (served as a file: the CSP allows script-src 'self', nothing inline).
// It reads the WebAuthn options from the #passkey element's data attributes, calls
// navigator.credentials.get (sign-in) or .create (registration) when the person presses the button, and
// posts the credential as JSON (the WebAuthn Level 3 toJSON shape, base64url fields) in the form's
// hidden "credential" field. Messages come translated in data attributes too.

export const PASSKEY_SCRIPT = `"use strict";
(function () {
  var box = document.getElementById("passkey");
  if (!box) return;
  var form = box.closest("form");
  var button = document.getElementById("passkey-start");
  var status = document.getElementById("passkey-status");
  function say(text) { status.textContent = text || ""; }
  if (!window.PublicKeyCredential || !navigator.credentials) {
    button.disabled = true;
    say(box.dataset.unsupported);
    return;
  }
  function bytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) base64 += "=";
    var binary = atob(base64);
    var out = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out.buffer;
  }
  function text(buffer) {
    var view = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < view.length; i++) binary += String.fromCharCode(view[i]);
    return btoa(binary).replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
  }
  function descriptors(list) {
    return (list || []).map(function (item) {
      return { type: item.type, id: bytes(item.id), transports: item.transports };
    });
  }
  var options = JSON.parse(box.dataset.options || "{}");
  var creating = box.dataset.mode === "create";
  function request() {
    var publicKey = Object.assign({}, options, { challenge: bytes(options.challenge) });
    if (creating) {
      publicKey.user = Object.assign({}, options.user, { id: bytes(options.user.id) });
      publicKey.excludeCredentials = descriptors(options.excludeCredentials);
      return navigator.credentials.create({ publicKey: publicKey });
    }
    publicKey.allowCredentials = descriptors(options.allowCredentials);
    return navigator.credentials.get({ publicKey: publicKey });
  }
  function serialise(credential) {
    var response = credential.response;
    var json = {
      id: credential.id,
      rawId: text(credential.rawId),
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
      response: { clientDataJSON: text(response.clientDataJSON) }
    };
    if (credential.authenticatorAttachment) json.authenticatorAttachment = credential.authenticatorAttachment;
    if (creating) {
      json.response.attestationObject = text(response.attestationObject);
      json.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      json.response.authenticatorData = text(response.authenticatorData);
      json.response.signature = text(response.signature);
      if (response.userHandle) json.response.userHandle = text(response.userHandle);
    }
    return JSON.stringify(json);
  }
  button.addEventListener("click", function () {
    button.disabled = true;
    say(box.dataset.waiting);
    request().then(function (credential) {
      if (!credential) throw new Error("no credential");
      form.elements.namedItem("credential").value = serialise(credential);
      form.submit();
    }).catch(function () {
      button.disabled = false;
      say(box.dataset.failed);
      button.focus();
    });
  });
})();
`;

const VERSION = createHash("sha256").update(PASSKEY_SCRIPT).digest("hex").slice(0, 12);
export const PASSKEY_SCRIPT_FILE = "passkey.js";
/** The versioned URL the pages load (under the hosted UI's asset path). */
export const passkeyScriptPath = (assetPath: string) => `${assetPath}/${PASSKEY_SCRIPT_FILE}?v=${VERSION}`;
