/**
 * Why the simulated browser did what it did, in Chrome DevTools' vocabulary
 * (the Network panel's "blocked" reasons). Every sentence lives here, so the
 * panels and the lessons explain a decision in the same words.
 */

/** Why a cookie in the jar did not go with a request. */
export type NotSentReason =
  | 'SecureOnly'
  | 'NotOnPath'
  | 'DomainMismatch'
  | 'SameSiteStrict'
  | 'SameSiteLax'
  | 'SameSiteUnspecifiedTreatedAsLax';

/**
 * Why a fetch carries no cookies and stores none, whatever the jar holds
 * (the Fetch standard's credentials mode). DevTools has no code for this: it
 * simply lists no cookies for such a request.
 */
export type CredentialsWithheld = 'CredentialsOmit' | 'CredentialsSameOriginOnly';

export const WITHHELD_TEXT: Record<CredentialsWithheld, string> = {
  CredentialsOmit: "The script called fetch() with credentials: 'omit': no Cookie header goes, and every Set-Cookie of the answer is ignored.",
  CredentialsSameOriginOnly:
    "The script called fetch() with credentials: 'same-origin' from a page of another origin: no Cookie header goes, and every Set-Cookie of the answer is ignored.",
};

/** Why a Set-Cookie line (or a hand edit) stored nothing. */
export type SetCookieRejectReason =
  | 'DisallowedCharacter'
  | 'NoCookieContent'
  | 'NameValuePairExceedsMaxSize'
  | 'SyntaxError'
  | 'InvalidDomain'
  | 'InvalidPrefix'
  | 'SecureOnly'
  | 'SameSiteNoneInsecure'
  | 'SameSiteStrict'
  | 'SameSiteLax'
  | 'SameSiteUnspecifiedTreatedAsLax'
  | 'OverwriteSecure'
  | CredentialsWithheld;

export const NOT_SENT_TEXT: Record<NotSentReason, string> = {
  SecureOnly: 'The cookie is Secure and this request goes over plain http://.',
  NotOnPath: "The request's path is not the cookie's Path or below it.",
  DomainMismatch: "The request's host is not the cookie's host (host-only cookie) or inside its Domain.",
  SameSiteStrict: 'The cookie is SameSite=Strict and another site started this request.',
  SameSiteLax:
    'The cookie is SameSite=Lax and this cross-site request is not a top-level navigation with a safe method such as GET.',
  SameSiteUnspecifiedTreatedAsLax:
    'The cookie has no SameSite, so Chrome treats it as Lax: cross-site it only goes with a top-level GET, or a top-level POST in the first 2 minutes after it was set.',
};

export const REJECT_TEXT: Record<SetCookieRejectReason, string> = {
  DisallowedCharacter: 'The cookie holds a character Chrome does not allow there, so Chrome ignores all of it.',
  NoCookieContent: 'The Set-Cookie line has neither a name nor a value.',
  NameValuePairExceedsMaxSize:
    'The name and value together are over 4096 bytes, so Chrome ignores the whole line and an old cookie of that name stays.',
  SyntaxError: 'The Set-Cookie line could not be parsed.',
  InvalidDomain:
    "The Domain attribute is neither the response's host nor a parent of it on the same site (a public suffix such as .example does not count).",
  InvalidPrefix:
    'The name starts with __Secure-, __Host- or __Http-, and the cookie lacks what that prefix promises (Secure from https; for __Host- also no Domain and Path=/; for __Http- also HttpOnly).',
  SecureOnly: 'A Secure cookie can only be set by an https:// response.',
  SameSiteNoneInsecure: 'SameSite=None is only accepted together with Secure.',
  SameSiteStrict: 'A response to a cross-site fetch may not set a SameSite=Strict cookie.',
  SameSiteLax: 'A response to a cross-site fetch may not set a SameSite=Lax cookie.',
  SameSiteUnspecifiedTreatedAsLax:
    'A response to a cross-site fetch may not set a cookie without SameSite: Chrome treats it as Lax.',
  OverwriteSecure: 'An http:// response may not replace or delete a Secure cookie of the same name.',
  ...WITHHELD_TEXT,
};
