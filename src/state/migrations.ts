/**
 * Numbered migrations of a stored document (a saved run, a share link, lesson
 * progress), applied in order before the document is validated, after
 * tldraw's store migrations: each migration's `up` turns a document of
 * format `version - 1` into one of format `version`. A document written by
 * any earlier format opens; one written by a newer playground is refused with
 * a reason, never guessed at.
 */
export type StoredDocument = Record<string, unknown>;

export interface Migration {
  /** The format this migration produces. */
  version: number;
  up(document: StoredDocument): StoredDocument;
}

export interface Format {
  /** The oldest format there ever was. */
  first: number;
  /** The format this playground writes. */
  current: number;
  migrations: readonly Migration[];
}

/** A format whose migrations go one version at a time from `first`; a gap or a repeat is a programming error. */
export function defineFormat(first: number, migrations: readonly Migration[]): Format {
  migrations.forEach((migration, i) => {
    if (migration.version !== first + i + 1) {
      throw new Error(`migration ${i + 1} produces format ${migration.version}, expected ${first + i + 1}`);
    }
  });
  return { first, current: first + migrations.length, migrations };
}

export type Migrated = { ok: true; document: StoredDocument; from: number } | { ok: false; reason: string };

export function migrate(format: Format, data: unknown): Migrated {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, reason: 'it is not a saved document (not a JSON object)' };
  const version = (data as StoredDocument).version;
  if (typeof version !== 'number' || !Number.isInteger(version)) return { ok: false, reason: 'it names no format version' };
  if (version > format.current) {
    const reads = format.first === format.current ? `format ${format.current}` : `formats ${format.first} to ${format.current}`;
    return { ok: false, reason: `it was saved by a newer version of the playground (format ${version}; this one reads ${reads})` };
  }
  if (version < format.first) return { ok: false, reason: `format ${version} never existed (the first is ${format.first})` };
  let document = data as StoredDocument;
  for (const migration of format.migrations) {
    if (migration.version <= version) continue;
    try {
      document = { ...migration.up(document), version: migration.version };
    } catch (error) {
      return { ok: false, reason: `it could not be brought from format ${migration.version - 1} to ${migration.version}: ${(error as Error).message}` };
    }
  }
  return { ok: true, document, from: version };
}
