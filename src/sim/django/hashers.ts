/**
 * The two auth hashes the sessions depend on: `_auth_user_hash` and the
 * pbkdf2_sha256 password field a password change writes.
 */
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { base64Encode, saltedHmac } from './signing';

const utf8 = new TextEncoder();

/** `AbstractBaseUser.get_session_auth_hash()`: hex HMAC-SHA256 of the stored password field. */
export function sessionAuthHash(passwordField: string, secret: string): string {
  return bytesToHex(
    saltedHmac('django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash', passwordField, secret),
  );
}

/** `PBKDF2PasswordHasher.encode(password, salt, iterations)`. */
function encodePbkdf2(plain: string, salt: string, iterations: number): string {
  const hash = pbkdf2(sha256, utf8.encode(plain), utf8.encode(salt), { c: iterations, dkLen: 32 });
  return `pbkdf2_sha256$${iterations}$${salt}$${base64Encode(hash)}`;
}

/**
 * The field a password change stores, by the contract's rule: Django's own format
 * and iterations, with a salt derived from the password (Django's is random) so that
 * `_auth_user_hash` is reproducible.
 */
/** The field depends only on the password: each is computed once (260000 iterations are slow). */
const made = new Map<string, string>();

export function makePbkdf2Password(plain: string): string {
  let field = made.get(plain);
  if (field === undefined) {
    field = encodePbkdf2(plain, bytesToHex(sha256(utf8.encode(plain))).slice(0, 22), 260000);
    made.set(plain, field);
  }
  return field;
}

/** 260000 iterations take a noticeable moment: every (plain, field) pair is computed once. */
const checked = new Map<string, boolean>();

/**
 * `check_password(plain, field)` for pbkdf2_sha256 fields, as Django's hasher verifies:
 * re-encode with the field's salt and iterations and compare the whole text.
 * Any other or malformed field does not match.
 */
export function checkPassword(plain: string, passwordField: string): boolean {
  const cacheKey = JSON.stringify([plain, passwordField]);
  let ok = checked.get(cacheKey);
  if (ok === undefined) {
    const [algorithm, iterations, salt] = passwordField.split('$');
    ok =
      algorithm === 'pbkdf2_sha256' &&
      /^[1-9][0-9]*$/.test(iterations ?? '') &&
      Boolean(salt) &&
      encodePbkdf2(plain, salt, Number(iterations)) === passwordField;
    checked.set(cacheKey, ok);
  }
  return ok;
}
