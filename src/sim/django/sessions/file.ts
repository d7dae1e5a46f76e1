import type { StorePlace } from './base';
import { CreateError, SuspiciousOperation, UpdateError } from '../errors';
import type { SessionFile } from '../storage';
import type { SharedTable } from '../table';
import { pyTruthy } from '../python';
import { PyDateTime, type PyDict } from '../values';
import { EXPIRY_KEY, SessionBase, VALID_KEY_CHARS, type EngineContext } from './base';

const KEY_CHARS = new Set(VALID_KEY_CHARS);

/**
 * django.contrib.sessions.backends.file: one file per session, named
 * SESSION_COOKIE_NAME + key, in SESSION_FILE_PATH. Expiry comes from the
 * file's modification time, which follows the virtual clock.
 */
export class FileSession extends SessionBase {
  static override readonly places: readonly StorePlace[] = ['files'];
  readonly place = 'file' as const;

  /** The file name; a key with other characters is refused (no directory traversal). */
  protected keyToFile(sessionKey: string | null = null): string {
    const key = sessionKey ?? this.getOrCreateSessionKey();
    if (![...key].every((c) => KEY_CHARS.has(c))) throw new SuspiciousOperation('Invalid characters in session key');
    return this.ctx.settings.SESSION_COOKIE_NAME + key;
  }

  protected get files(): SharedTable<SessionFile> {
    return this.ctx.storage.files;
  }

  load(): PyDict {
    const key = this.sessionKey as string;
    let name: string;
    try {
      name = this.keyToFile();
    } catch {
      this.record({ kind: 'store', op: 'invalid_key', place: 'file', key });
      this.sessionKeyValue = null;
      return new Map();
    }
    const file = this.files.get(name);
    if (!file) {
      this.record({ kind: 'store', op: 'not_found', place: 'file', key });
      this.sessionKeyValue = null;
      return new Map();
    }
    // An empty file is the placeholder a failed write left behind: no data, but the key stands.
    if (!file.content) return new Map();
    this.record({ kind: 'store', op: 'read', place: 'file', key });
    let data = this.decode(file.content, key);
    // A stored seconds value never expires here: Django compares only a date, else mtime + age.
    const stored = data.get(EXPIRY_KEY) ?? null;
    const expiry = pyTruthy(stored) ? stored : new PyDateTime(file.mtime + this.getSessionCookieAge() * 1000);
    const age = this.getExpiryAge({ expiry });
    if (age <= 0) {
      // Expired: removed, and a new (empty) session is created at once.
      this.record({ kind: 'store', op: 'expired', place: 'file', key });
      data = new Map();
      this.deleteFromStore();
      this.create();
    }
    return data;
  }

  create(): void {
    this.createUnderNewKey();
  }

  save(mustCreate = false): void {
    if (this.sessionKey === null) return this.create();
    const data = this.session(mustCreate);
    const name = this.keyToFile();
    const existing = this.files.get(name);
    if (mustCreate && existing) throw new CreateError();
    if (!mustCreate && !existing) throw new UpdateError();
    // The placeholder exists before the data is written; if encoding fails, it stays empty.
    if (!existing) {
      this.files.set(name, { name, content: '', mtime: this.now() });
    }
    const content = this.encode(data);
    this.files.set(name, { name, content, mtime: this.now() });
    this.record({ kind: 'store', op: existing ? 'updated' : 'created', place: 'file', key: this.sessionKey });
  }

  exists(sessionKey: string): boolean {
    return this.files.has(this.keyToFile(sessionKey));
  }

  deleteFromStore(sessionKey: string | null = null): void {
    const key = sessionKey ?? this.sessionKey;
    if (key === null) return;
    // An invalid key raises SuspiciousOperation here, as os.unlink(_key_to_file()) does.
    if (this.files.delete(this.keyToFile(key))) this.record({ kind: 'store', op: 'deleted', place: 'file', key });
  }

  /** clearsessions: load every session file; loading an expired one deletes it. */
  static clearExpired(ctx: EngineContext): void {
    const prefix = ctx.settings.SESSION_COOKIE_NAME;
    for (const name of [...ctx.storage.files.keys()]) {
      if (!name.startsWith(prefix)) continue;
      const session = new FileSession(ctx, name.slice(prefix.length));
      // Django disables create() here so that an expired session is not replaced by a new one.
      session.create = () => {};
      if (session.sessionKey !== null) session.load();
    }
  }
}
