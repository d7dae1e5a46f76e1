import { OrderedMap } from 'immutable';

/** One write that made a version of a table from the one before it. */
interface Write<V> {
  from: OrderedMap<string, V>;
  /** How many writes back the chain of versions reaches (it stops at MAX_REPLAY: older versions may go). */
  depth: number;
  key: string;
  /** undefined: the key was deleted. */
  value: V | undefined;
  /** Whether the key was there before. */
  existed: boolean;
}

/**
 * A version's keys and values in order, once laid out: the first `length`
 * of each array. A version made by appending new keys shares its
 * predecessor's arrays (which then hold more than that one's `length`), so a
 * step that adds a row to 100,000 copies none of them.
 */
interface Layout<V> {
  keys: string[];
  values: V[];
  length: number;
  /** Its values as rows, once asked for. */
  rows?: TableRows<V>;
}

/** A version's values in order, read by index: what a table of rows in view needs. */
export interface TableRows<V> extends Iterable<V> {
  readonly length: number;
  at(index: number): V | undefined;
}

// Per version of any table: how it was made, and its layout once asked for.
const writes = new WeakMap<object, Write<unknown>>();
const layouts = new WeakMap<object, Layout<unknown>>();
/** How far back a layout is derived from an earlier one, write by write, instead of walking the whole trie. */
const MAX_REPLAY = 256;

/**
 * A keyed store of the server (the django_session table, a folder of session
 * files) whose copies share structure: `copy()` costs nothing and a write
 * after it touches only its own path, so a run keeps a world per frame
 * without copying 100,000 rows each step. Keys keep the order they were
 * first written in, as a JavaScript Map (and a database scan here) does.
 * Values are replaced, never mutated.
 */
export class SharedTable<V> implements Iterable<[string, V]> {
  #map: OrderedMap<string, V>;

  constructor(map: OrderedMap<string, V> = OrderedMap<string, V>()) {
    this.#map = map;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: string): V | undefined {
    return this.#map.get(key);
  }

  has(key: string): boolean {
    return this.#map.has(key);
  }

  set(key: string, value: V): this {
    this.#write(this.#map.set(key, value), key, value);
    return this;
  }

  /** Whether the key was there. */
  delete(key: string): boolean {
    if (!this.#map.has(key)) return false;
    this.#write(this.#map.delete(key), key, undefined);
    return true;
  }

  #write(next: OrderedMap<string, V>, key: string, value: V | undefined): void {
    const depth = (writes.get(this.#map)?.depth ?? 0) + 1;
    if (depth <= MAX_REPLAY) writes.set(next, { from: this.#map, depth, key, value, existed: this.#map.has(key) });
    this.#map = next;
  }

  /** Iterating reads the table as it was when the iteration began (a delete meanwhile is safe). */
  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.#map.entries();
  }

  keys(): IterableIterator<string> {
    return this.#map.keys();
  }

  values(): IterableIterator<V> {
    return this.#map.values();
  }

  /**
   * Every value in order. A frame's panels ask for it again and again, and
   * the next frame's table is the last one plus a write or two: its layout is
   * the earlier layout with those writes applied.
   */
  list(): TableRows<V> {
    const layout = layoutOf(this.#map);
    return (layout.rows ??= rowsOf(layout.values, layout.length));
  }

  /**
   * The keys written since `older`, with whether `older` held each: what
   * changed between two frames' copies without reading every row. Null when
   * this table was not made from `older` by the writes still remembered.
   */
  changedSince(older: SharedTable<V>): Map<string, boolean> | null {
    const changed = new Map<string, boolean>();
    for (let at: object = this.#map; at !== older.#map; ) {
      const write = writes.get(at);
      if (!write) return null;
      // Walking back, the last word on a key is its first write: whether the key was there before it.
      changed.set(write.key, write.existed);
      at = write.from;
    }
    return changed;
  }

  /** An independent table with the same contents, in O(1). */
  copy(): SharedTable<V> {
    return new SharedTable(this.#map);
  }
}

function layoutOf<V>(map: OrderedMap<string, V>): Layout<V> {
  const known = layouts.get(map) as Layout<V> | undefined;
  if (known) return known;
  // The writes since the nearest version laid out, newest first.
  const replay: Write<V>[] = [];
  let base: Layout<V> | undefined;
  for (let at: object = map; ; ) {
    const write = writes.get(at) as Write<V> | undefined;
    if (!write) break;
    replay.push(write);
    base = layouts.get(write.from) as Layout<V> | undefined;
    if (base) break;
    at = write.from;
  }
  let layout: Layout<V>;
  if (base && base.keys.length === base.length && replay.every(addsNothingOld)) {
    // Nothing was laid out past the base yet: its arrays take the new keys.
    layout = { keys: base.keys, values: base.values, length: base.length };
    for (let i = replay.length - 1; i >= 0; i--) apply(layout, replay[i]);
  } else if (base) {
    layout = { keys: base.keys.slice(0, base.length), values: base.values.slice(0, base.length), length: base.length };
    for (let i = replay.length - 1; i >= 0; i--) apply(layout, replay[i]);
  } else {
    layout = { keys: [], values: [], length: 0 };
    // forEach walks the trie directly: several times faster than its iterator.
    map.forEach((value, key) => {
      layout.keys.push(key);
      layout.values.push(value);
    });
    layout.length = layout.keys.length;
  }
  layouts.set(map, layout);
  return layout;
}

function rowsOf<V>(values: readonly V[], length: number): TableRows<V> {
  return {
    length,
    at: (index) => (index >= 0 && index < length ? values[index] : undefined),
    *[Symbol.iterator]() {
      for (let i = 0; i < length; i++) yield values[i];
    },
  };
}

/** A write that only adds a new key (or deletes a missing one): it touches no row already laid out. */
function addsNothingOld<V>(write: Write<V>): boolean {
  return !write.existed;
}

/** A write applied to a layout as the map applied it: a new key goes last, a rewrite keeps its place. */
function apply<V>(layout: Layout<V>, { key, value, existed }: Write<V>): void {
  if (!existed) {
    if (value === undefined) return;
    layout.keys[layout.length] = key;
    layout.values[layout.length] = value;
    layout.length++;
    return;
  }
  const index = layout.keys.lastIndexOf(key);
  if (value === undefined) {
    layout.keys.splice(index, 1);
    layout.values.splice(index, 1);
    layout.length--;
  } else {
    layout.values[index] = value;
  }
}
