import type { StorePlace } from './base';
import { CreateError, UpdateError } from '../errors';
import type { SessionRow } from '../storage';
import type { SharedTable } from '../table';
import type { PyDict } from '../values';
import { SessionBase } from './base';

/** The db engine loads a row only while its expire_date is after now (expire_date__gt). */
export function rowIsLive(row: SessionRow, now: number): boolean {
  return row.expire_date > now;
}

/** django.contrib.sessions.backends.db: one row of `django_session` per session. */
export class DbSession extends SessionBase {
  static override readonly places: readonly StorePlace[] = ['db'];
  readonly place = 'db' as const;

  /** The row, if it exists and has not expired; otherwise the key is forgotten. */
  protected sessionFromDb(): SessionRow | null {
    const key = this.sessionKey as string;
    const row = this.ctx.storage.sessions.get(key);
    if (row && rowIsLive(row, this.now())) return row;
    this.record({ kind: 'store', op: row ? 'expired' : 'not_found', place: 'db', key });
    this.sessionKeyValue = null;
    return null;
  }

  load(): PyDict {
    const row = this.sessionFromDb();
    if (!row) return new Map();
    this.record({ kind: 'store', op: 'read', place: 'db', key: row.session_key });
    return this.decode(row.session_data, row.session_key);
  }

  exists(sessionKey: string): boolean {
    // Expired rows count: a key is never reused while its row is there.
    return this.ctx.storage.sessions.has(sessionKey);
  }

  create(): void {
    this.createUnderNewKey();
  }

  save(mustCreate = false): void {
    if (this.sessionKey === null) return this.create();
    const data = this.session(mustCreate);
    // Built before the write, as Django's create_model_instance does: encoding may fail.
    const row: SessionRow = {
      session_key: this.getOrCreateSessionKey(),
      session_data: this.encode(data),
      expire_date: this.getExpiryDate(),
    };
    const sessions = this.ctx.storage.sessions;
    const exists = sessions.has(row.session_key);
    if (mustCreate && exists) throw new CreateError();
    // force_update on a row deleted meanwhile (a logout elsewhere) must not resurrect it.
    if (!mustCreate && !exists) throw new UpdateError();
    sessions.set(row.session_key, row);
    this.record({ kind: 'store', op: mustCreate ? 'created' : 'updated', place: 'db', key: row.session_key });
  }

  deleteFromStore(sessionKey: string | null = null): void {
    const key = sessionKey ?? this.sessionKey;
    if (key === null) return;
    if (this.ctx.storage.sessions.delete(key)) this.record({ kind: 'store', op: 'deleted', place: 'db', key });
  }

  /** clearsessions: deletes rows whose expire_date is in the past. */
  static clearExpired(sessions: SharedTable<SessionRow>, now: number): string[] {
    const removed: string[] = [];
    for (const [key, row] of sessions) {
      if (row.expire_date < now) {
        sessions.delete(key);
        removed.push(key);
      }
    }
    return removed;
  }
}
