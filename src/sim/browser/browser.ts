/**
 * The simulated browser: one cookie jar per profile ("laptop", "attacker", …).
 */
import { CookieJar } from './jar';
import type { TranscriptCookie } from './types';

export class Browser {
  #jars = new Map<string, CookieJar>();

  /** The profile's jar, created empty on first use. */
  profile(name: string): CookieJar {
    if (name === '') throw new Error('a browser profile needs a name');
    let jar = this.#jars.get(name);
    if (!jar) {
      jar = new CookieJar();
      this.#jars.set(name, jar);
    }
    return jar;
  }

  has(name: string): boolean {
    return this.#jars.has(name);
  }

  /** Profile names in name order, as the transcripts list them. */
  names(): string[] {
    return [...this.#jars.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The transcripts' `jars`: one key per profile, in name order. */
  snapshot(now: number): Record<string, TranscriptCookie[]> {
    return Object.fromEntries(this.names().map((name) => [name, this.profile(name).snapshot(now)]));
  }

  clone(): Browser {
    const copy = new Browser();
    for (const [name, jar] of this.#jars) copy.#jars.set(name, jar.clone());
    return copy;
  }

}
