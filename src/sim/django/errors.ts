/**
 * Python exceptions the session machinery raises. Each carries its Python
 * class name explicitly (a minifier renames JavaScript classes).
 */
export class PyException extends Error {
  constructor(readonly pyName: string, message = '') {
    super(message);
  }

  /** As Python prints it: "KeyError: 'cart'". */
  toString(): string {
    return this.message ? `${this.pyName}: ${this.message}` : this.pyName;
  }
}

export class KeyError extends PyException {
  constructor(key: string) {
    super('KeyError', `'${key}'`);
  }
}

/** A new session could not be created under this key (it exists). */
export class CreateError extends PyException {
  constructor() {
    super('CreateError');
  }
}

/** The session to update no longer exists (deleted while the request ran). */
export class UpdateError extends PyException {
  constructor() {
    super('UpdateError');
  }
}

export class SuspiciousOperation extends PyException {
  constructor(message: string) {
    super('SuspiciousOperation', message);
  }
}

/** Python's ValueError, e.g. int("abc"). */
export class ValueError extends PyException {
  constructor(message: string) {
    super('ValueError', message);
  }
}
