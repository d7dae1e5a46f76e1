/**
 * The simulated browser: one cookie jar per profile ("laptop", "attacker", …).
 */
import { CookieJar, transcriptCookies } from './jar';
import type { StoredCookie, TranscriptCookie } from './types';

/** The browser's jars at one moment, kept as they were (see Browser.cookiesNow). A replay keeps one for every step. */
export class JarsAtMoment {
  /** Profile names in name order. */
  readonly names: readonly string[];
  readonly #lists: readonly (readonly StoredCookie[])[];
  readonly #now: number;

  constructor(names: readonly string[], lists: readonly (readonly StoredCookie[])[], now: number) {
    this.names = names;
    this.#lists = lists;
    this.#now = now;
  }

  /** The transcripts' `jars` at that moment. */
  transcript(): Record<string, TranscriptCookie[]> {
    return Object.fromEntries(this.names.map((name, i) => [name, transcriptCookies(this.#lists[i], this.#now)]));
  }
}

export class Browser {
  #jars = new Map<string, CookieJar>();
  /** names(), kept until a profile is added: every step's record holds it. */
  #names: readonly string[] | null = null;

  /** The profile's jar, created empty on first use. */
  profile(name: string): CookieJar {
    if (name === '') throw new Error('a browser profile needs a name');
    let jar = this.#jars.get(name);
    if (!jar) {
      jar = new CookieJar();
      this.#jars.set(name, jar);
      this.#names = null;
    }
    return jar;
  }

  has(name: string): boolean {
    return this.#jars.has(name);
  }

  /** Profile names in name order, as the transcripts list them. */
  names(): readonly string[] {
    this.#names ??= Object.freeze([...this.#jars.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    return this.#names;
  }

  /** The transcripts' `jars`: one key per profile, in name order. */
  snapshot(now: number): Record<string, TranscriptCookie[]> {
    return this.cookiesNow(now).transcript();
  }

  /** The jars as they are at `now`, taken without laying them out: what later steps do to them does not show. */
  cookiesNow(now: number): JarsAtMoment {
    const names = this.names();
    return new JarsAtMoment(names, names.map((name) => this.#jars.get(name)!.cookies()), now);
  }

  clone(): Browser {
    const copy = new Browser();
    for (const [name, jar] of this.#jars) copy.#jars.set(name, jar.clone());
    return copy;
  }

}
