import { LocMemCache, type CacheEntry } from './locmem';
import { SharedTable } from './table';

/**
 * Everything the demo site's server holds between requests: the
 * `django_session` table, the auth users, the local-memory cache and the
 * session files. Rows and files are replaced, never mutated, in tables whose
 * copies share structure: a snapshot for time travel costs next to nothing.
 */
export interface SessionRow {
  session_key: string;
  /** signing.dumps of the session dict, as the db engine stores it. */
  session_data: string;
  /** ms since the epoch. */
  expire_date: number;
}

export interface SessionFile {
  /** SESSION_COOKIE_NAME + session key. */
  name: string;
  /** The file's text; '' for the empty placeholder the file engine creates first. */
  content: string;
  /** Modification time, ms since the epoch: the file engine's clock for expiry. */
  mtime: number;
}

export interface User {
  id: number;
  username: string;
  /** The stored password field, e.g. pbkdf2_sha256$260000$salt$hash. */
  password: string;
}

/** Everything held, as plain data (tests compare it before and after). */
export interface StorageData {
  sessions: SessionRow[];
  users: User[];
  /** Most recently used first. */
  cache: CacheEntry[];
  files: SessionFile[];
  cacheOptions: { maxEntries: number; cullFrequency: number };
}

export class ServerStorage {
  sessions = new SharedTable<SessionRow>();
  files = new SharedTable<SessionFile>();
  users: User[];
  cache: LocMemCache;

  constructor(users: User[], cacheOptions = { maxEntries: 300, cullFrequency: 3 }) {
    this.users = users.map((u) => ({ ...u }));
    this.cache = new LocMemCache(cacheOptions.maxEntries, cacheOptions.cullFrequency);
  }

  /** A worker's view of a ServerFarm: these very maps and users, shared with the other workers where the farm shares them. */
  static view(parts: { sessions: SharedTable<SessionRow>; users: User[]; cache: LocMemCache; files: SharedTable<SessionFile> }): ServerStorage {
    const storage = new ServerStorage([]);
    storage.sessions = parts.sessions;
    storage.users = parts.users;
    storage.cache = parts.cache;
    storage.files = parts.files;
    return storage;
  }

  toJSON(): StorageData {
    return {
      sessions: [...this.sessions.values()],
      users: this.users.map((u) => ({ ...u })),
      cache: [...this.cache.entries()],
      files: [...this.files.values()],
      cacheOptions: { maxEntries: this.cache.maxEntries, cullFrequency: this.cache.cullFrequency },
    };
  }
}
