/**
 * The processes and hosts the demo site runs on (the contract's `servers`):
 * named workers, each with its own local-memory cache and its own disk unless
 * the scenario shares them, and one database shared by all. A worker's view
 * of this is a ServerStorage, which is all the session engines see.
 */
import { LocMemCache } from './locmem';
import { ServerStorage, type SessionFile, type SessionRow, type User } from './storage';
import { SharedTable } from './table';

export type PlaceMode = 'per_worker' | 'shared';

/** A scenario's `servers`, as written. */
export interface ServersSpec {
  workers: string[];
  cache?: PlaceMode;
  files?: PlaceMode;
}

/** The worker of a site that names none: one process, whose cache lives in it. */
export const SOLE_WORKER = 'web';

export interface Topology {
  workers: readonly string[];
  cache: PlaceMode;
  files: PlaceMode;
  /** Whether the scenario named its workers (transcripts then say which one served a request). */
  named: boolean;
}

export function topologyOf(spec: ServersSpec | undefined): Topology {
  if (!spec) return { workers: [SOLE_WORKER], cache: 'per_worker', files: 'per_worker', named: false };
  return { workers: [...spec.workers], cache: spec.cache ?? 'per_worker', files: spec.files ?? 'per_worker', named: true };
}

/** The place name transcripts use: `cache` / `files` when shared or single, `cache@a` per named worker. */
export function placeName(topology: Topology, kind: 'cache' | 'files', worker: string): string {
  const mode = kind === 'cache' ? topology.cache : topology.files;
  return topology.named && mode === 'per_worker' ? `${kind}@${worker}` : kind;
}

/** Every cache (or files) place, in workers order, each once. */
export function placeNames(topology: Topology, kind: 'cache' | 'files'): string[] {
  return [...new Set(topology.workers.map((worker) => placeName(topology, kind, worker)))];
}

export interface CacheOptions {
  maxEntries: number;
  cullFrequency: number;
}

/**
 * Everything the site holds between requests, on every host: the shared
 * `django_session` table and users, a LocMemCache per cache place and a
 * folder of session files per files place.
 */
/** What the farm stores sessions in: the database's table, the caches and the session folders, by name. */
export interface FarmTables {
  sessions: SharedTable<SessionRow>;
  caches: Map<string, LocMemCache>;
  folders: Map<string, SharedTable<SessionFile>>;
}

export class ServerFarm {
  readonly sessions: SharedTable<SessionRow>;
  readonly users: User[];
  readonly caches: Map<string, LocMemCache>;
  readonly folders: Map<string, SharedTable<SessionFile>>;

  constructor(
    readonly topology: Topology,
    users: User[],
    cacheOptions: CacheOptions,
    parts?: FarmTables,
  ) {
    this.users = users;
    this.sessions = parts?.sessions ?? new SharedTable();
    this.caches = parts?.caches ?? new Map(placeNames(topology, 'cache').map((name) => [name, new LocMemCache(cacheOptions.maxEntries, cacheOptions.cullFrequency)]));
    this.folders = parts?.folders ?? new Map(placeNames(topology, 'files').map((name) => [name, new SharedTable<SessionFile>()]));
  }

  /** What `worker` sees: the shared table and users, its cache and its folder. */
  view(worker: string): ServerStorage {
    return ServerStorage.view({
      sessions: this.sessions,
      users: this.users,
      cache: this.caches.get(placeName(this.topology, 'cache', worker)) as LocMemCache,
      files: this.folders.get(placeName(this.topology, 'files', worker)) as SharedTable<SessionFile>,
    });
  }

  /**
   * A worker's process restarts: its own memory is lost, so a per-worker
   * cache starts empty (with the options of the release it starts under). The
   * database, the files and a shared cache keep everything.
   */
  restartWorker(worker: string, cacheOptions: CacheOptions): boolean {
    const name = placeName(this.topology, 'cache', worker);
    if (this.topology.cache === 'shared') return false;
    this.caches.set(name, new LocMemCache(cacheOptions.maxEntries, cacheOptions.cullFrequency));
    return true;
  }

  /** The shared cache server restarts and loses every entry. */
  restartCache(): void {
    const cache = this.caches.get('cache') as LocMemCache;
    this.caches.set('cache', new LocMemCache(cache.maxEntries, cache.cullFrequency));
  }

  clone(): ServerFarm {
    return new ServerFarm(this.topology, this.users.map((u) => ({ ...u })), { maxEntries: 0, cullFrequency: 0 }, this.tablesCopy());
  }

  /** Copies of the session table, the caches and the folders, which later writes to these leave alone. */
  tablesCopy(): FarmTables {
    return {
      sessions: this.sessions.copy(),
      caches: new Map([...this.caches].map(([name, cache]) => [name, cache.copy()])),
      folders: new Map([...this.folders].map(([name, folder]) => [name, folder.copy()])),
    };
  }
}
