/** Decrypts a custom sender trigger's `event.request.code` (see cognate-code.mjs). */
export function decryptCode(code: string, options?: { secret?: string; keyId?: string }): string;
