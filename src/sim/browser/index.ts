/** The simulated browser: per-profile cookie jars that behave as current Chrome does. */
export { Browser, JarsAtMoment } from './browser';
export { CookieJar, toTranscript, transcriptCookies, type CookieChanges } from './jar';
export { NOT_SENT_TEXT, REJECT_TEXT, WITHHELD_TEXT, type CredentialsWithheld, type NotSentReason, type SetCookieRejectReason } from './reasons';
export { pageCanRead, readabilityText } from './site';
export type {
  CookieId,
  CookieSendReport,
  RequestInfo,
  RequestKind,
  SameSite,
  SetCookieOutcome,
  StoredCookie,
  TranscriptCookie,
} from './types';
