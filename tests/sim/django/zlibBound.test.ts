import fc from 'fast-check';
import { deflate } from 'pako';
import { describe, expect, test } from 'vitest';
import { compressionCannotHelp, huffmanBits } from '../../../src/sim/django/zlibBound';

const bytes = (text: string) => new TextEncoder().encode(text);
/** zlib.compress as Django's Python has it: pako with zlib's classic hash writes the same bytes (see signing.test.ts). */
const zlibLength = (data: Uint8Array) => deflate(data, { level: 6, legacyHash: true }).length;

describe('huffmanBits', () => {
  test('the cost of an optimal prefix code, worked by hand', () => {
    expect(huffmanBits([1, 1])).toBe(2);
    // Codes of 2, 2 and 1 bits.
    expect(huffmanBits([1, 1, 2])).toBe(6);
    // The textbook example (Cormen et al., 16.3): 224 bits for 100 characters.
    expect(huffmanBits([45, 13, 12, 16, 9, 5])).toBe(224);
    // Equal weights of a power of two: every code is log2(8) = 3 bits.
    expect(huffmanBits(Array<number>(8).fill(10))).toBe(240);
  });
});

describe('compressionCannotHelp', () => {
  test('short sessions without repeats: zlib is never shorter, and the bound knows it', () => {
    for (const json of ['{"visits":1}', '{"visits":12345}', '{"theme":"dark"}', '{}']) {
      expect(compressionCannotHelp(bytes(json)), json).toBe(true);
      expect(zlibLength(bytes(json))).toBeGreaterThanOrEqual(json.length - 1);
    }
  });

  test('repeated text may be copied by deflate: no promise then', () => {
    // Here zlib wins, which a careless bound would have hidden.
    const cart = `{"cart":[${Array(20).fill('"apple"').join(',')}]}`;
    expect(zlibLength(bytes(cart))).toBeLessThan(cart.length - 1);
    expect(compressionCannotHelp(bytes(cart))).toBe(false);
    expect(compressionCannotHelp(bytes('{"a":"xyzxyz"}'))).toBe(false);
  });

  test('no triple repeats, but one byte in every two is the same: its short code could win, so no promise', () => {
    const text = [...'bcdefghijklmnopqrstuvwxyz'].map((c) => `a${c}`).join('');
    expect(compressionCannotHelp(bytes(text))).toBe(false);
  });

  test('whenever it promises, zlib (level 6, as Django calls it) agrees', () => {
    let promised = 0;
    const text = (alphabet: string, maxLength: number) =>
      fc.array(fc.constantFrom(...alphabet), { maxLength }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.oneof(text('{}[]":,0123456789abcdefghij_ ', 400), text('{}[]":,0123456789abcdefghijklmnopqrstuvwxyzé€', 60)), (json) => {
        const data = bytes(json);
        if (!compressionCannotHelp(data)) return;
        promised += 1;
        expect(zlibLength(data)).toBeGreaterThanOrEqual(data.length - 1);
      }),
      { numRuns: 4000 },
    );
    // Enough promises were checked for the property to mean something.
    expect(promised).toBeGreaterThan(1000);
  });

  test('near the line: text without repeated triples, skewed so that Huffman codes alone may win', () => {
    /** Characters drawn with falling weights, each skipped when it would repeat a triple: literals only. */
    const literalOnly = fc.array(fc.noBias(fc.nat({ max: 1000 })), { minLength: 20, maxLength: 500, size: 'max' }).map((draws) => {
      const alphabet = 'eaoitnsrhldcum{}":,0123456789';
      let text = '';
      const triples = new Set<string>();
      for (const draw of draws) {
        const c = alphabet[Math.floor(alphabet.length * (draw / 1001) ** 2)];
        const triple = text.slice(-2) + c;
        if (triple.length === 3 && triples.has(triple)) continue;
        if (triple.length === 3) triples.add(triple);
        text += c;
      }
      return text;
    });
    const seen = { promised: 0, zlibWon: 0 };
    fc.assert(
      fc.property(literalOnly, (text) => {
        const data = bytes(text);
        const won = zlibLength(data) < data.length - 1;
        if (won) seen.zlibWon += 1;
        if (compressionCannotHelp(data)) {
          seen.promised += 1;
          expect(won, text).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
    // Both sides of the line were reached.
    expect(seen.promised).toBeGreaterThan(200);
    expect(seen.zlibWon).toBeGreaterThan(300);
  });

  test('the promise is made often on session-like data (it is worth having)', () => {
    const sessions = Array.from({ length: 200 }, (_, i) => `{"visits":${i * 7919},"theme":"t${i % 7}"}`);
    const promised = sessions.filter((json) => compressionCannotHelp(bytes(json)));
    expect(promised.length).toBeGreaterThan(150);
    for (const json of promised) expect(zlibLength(bytes(json))).toBeGreaterThanOrEqual(json.length - 1);
  });
});
