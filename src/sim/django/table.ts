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

/** A version's keys and values in order, once laid out. */
interface Layout<V> {
  keys: string[];
  values: V[];
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
   * Every value in order, as an array. A frame's panels ask for it again and
   * again, and the next frame's table is the last one plus a write or two:
   * its layout is the earlier layout with those writes applied.
   */
  list(): readonly V[] {
    return layoutOf(this.#map).values;
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
  if (base) {
    layout = { keys: base.keys.slice(), values: base.values.slice() };
    for (let i = replay.length - 1; i >= 0; i--) apply(layout, replay[i]);
  } else {
    layout = { keys: [], values: [] };
    // forEach walks the trie directly: several times faster than its iterator.
    map.forEach((value, key) => {
      layout.keys.push(key);
      layout.values.push(value);
    });
  }
  layouts.set(map, layout);
  return layout;
}

/** A write applied to a layout as the map applied it: a new key goes last, a rewrite keeps its place. */
function apply<V>(layout: Layout<V>, { key, value, existed }: Write<V>): void {
  if (!existed) {
    if (value === undefined) return;
    layout.keys.push(key);
    layout.values.push(value);
    return;
  }
  const index = layout.keys.lastIndexOf(key);
  if (value === undefined) {
    layout.keys.splice(index, 1);
    layout.values.splice(index, 1);
  } else {
    layout.values[index] = value;
  }
}
