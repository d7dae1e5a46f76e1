import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/**
 * The seeded random source. Nothing in the simulation calls Math.random, so
 * the same seed gives the same session keys and the same run.
 */
export interface Random {
  /** An integer in [from, to], both included. */
  int(from: number, to: number): number;
  /** The generator's state, to resume the same sequence later. */
  state(): readonly number[];
}

export class SeededRandom implements Random {
  #rng: RandomGenerator;

  constructor(seedOrState: number | readonly number[]) {
    this.#rng = typeof seedOrState === 'number'
      ? xoroshiro128plus(seedOrState)
      : xoroshiro128plusFromState(seedOrState);
  }

  int(from: number, to: number): number {
    return uniformInt(this.#rng, from, to);
  }

  state(): readonly number[] {
    return this.#rng.getState();
  }
}

/** Django's get_random_string: `length` characters drawn from `alphabet`. */
export function randomString(random: Random, length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[random.int(0, alphabet.length - 1)];
  return out;
}
