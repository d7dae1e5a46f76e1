import { OrderedMap } from 'immutable';

/**
 * A keyed store of the server (the django_session table, a folder of session
 * files) whose copies share structure: `copy()` costs nothing and a write
 * after it touches only its own path, so a run keeps a world per frame
 * without copying 100,000 rows each step. Keys keep the order they were
 * first written in, as a JavaScript Map (and a database scan here) does.
 * Values are replaced, never mutated.
 */
const lists = new WeakMap<object, readonly unknown[]>();

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
    this.#map = this.#map.set(key, value);
    return this;
  }

  /** Whether the key was there. */
  delete(key: string): boolean {
    if (!this.#map.has(key)) return false;
    this.#map = this.#map.delete(key);
    return true;
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

  /** Every value in order, as an array: built once per version of the table (a frame's panels ask again and again). */
  list(): readonly V[] {
    let list = lists.get(this.#map) as V[] | undefined;
    if (!list) {
      const out: V[] = [];
      // forEach walks the trie directly: several times faster than its iterator for 100,000 rows.
      this.#map.forEach((value) => void out.push(value));
      lists.set(this.#map, (list = out));
    }
    return list;
  }

  /** An independent table with the same contents, in O(1). */
  copy(): SharedTable<V> {
    return new SharedTable(this.#map);
  }
}
