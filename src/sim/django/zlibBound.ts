/**
 * When `zlib.compress(data)` cannot come out shorter than `data.length - 1`
 * bytes, the length Django asks for before it uses the compressed form
 * (`signing.dumps`). Most sessions are such short JSON, and compressing them
 * is much of a request's cost, so their compression can be skipped.
 *
 * The bound holds for data in which no 3 bytes occur twice: deflate copies
 * only repeats of at least 3 bytes (MIN_MATCH), so it can only write each
 * byte as a literal. Short data is one block (zlib starts another only when
 * its 16,383-symbol buffer is full), between zlib's 2-byte header and its
 * 4-byte Adler-32, of the cheapest of three types (RFC 1951, 3.2.3–3.2.7),
 * each at least as long as this:
 * - stored: the 3 header bits padded to a byte, LEN and NLEN, the bytes;
 * - fixed codes: the header, 8 bits a byte below 144 and 9 above, 7 bits of
 *   end-of-block;
 * - dynamic codes: the header, HLIT, HDIST and HCLEN (14 bits), at least 4
 *   code-length code lengths (12 bits), the code lengths of the 257 literal
 *   and end-of-block symbols (in runs, see RUN_BITS), then the literals and
 *   end-of-block in at least the bits of an optimal prefix code for them
 *   (Huffman's).
 */
const ZLIB_WRAPPER_BYTES = 2 + 4;
const BLOCK_HEADER_BITS = 3;
const STORED_LENGTHS_BYTES = 4;
const FIXED_END_OF_BLOCK_BITS = 7;
const DYNAMIC_HEADER_BITS = BLOCK_HEADER_BITS + 14 + 4 * 3;
/** The literal bytes and end-of-block: the code lengths a dynamic block sends besides the distances'. */
const LITERAL_SYMBOLS = 257;
const END_OF_BLOCK = 256;
/** Well below zlib's symbol buffer at memLevel 8, so the data is one block. */
const MAX_LENGTH = 8192;

/**
 * The fewest bits in which a run of `r` code lengths can be sent (RFC 1951,
 * 3.2.7), when every code-length symbol takes at least one bit: a length
 * (1 bit), 16 (the previous length 3–6 times: 1 + 2 extra bits), and for
 * zeros also 17 (3–10 times: 1 + 3) and 18 (11–138 times: 1 + 7). A repeat
 * only copies one value, so it never spans zero and non-zero lengths.
 */
const RUN_BITS = {
  zero: fewestBits([[1, 1, 1], [3, 6, 3], [3, 10, 4], [11, 138, 8]]),
  nonZero: fewestBits([[1, 1, 1], [3, 6, 3]]),
};

/** For runs of 0 … LITERAL_SYMBOLS lengths, the cheapest cover by pieces of [shortest, longest, bits]. */
function fewestBits(pieces: [number, number, number][]): number[] {
  const best = [0];
  for (let r = 1; r <= LITERAL_SYMBOLS; r++) {
    let bits = Infinity;
    for (const [shortest, longest, cost] of pieces) {
      for (let covered = shortest; covered <= Math.min(longest, r); covered++) bits = Math.min(bits, best[r - covered] + cost);
    }
    best.push(bits);
  }
  return best;
}

// Scratch space, reused: this runs on every session saved.
const triples = new Int32Array(MAX_LENGTH);
const byteCounts = new Uint32Array(256);

/** True when zlib's output for `data` is certainly at least `data.length - 1` bytes long. */
export function compressionCannotHelp(data: Uint8Array): boolean {
  const n = data.length;
  if (n > MAX_LENGTH) return false;
  // Any 3 bytes twice? Sorted, equal triples are neighbours.
  const found = triples.subarray(0, Math.max(0, n - 2));
  for (let i = 0; i < found.length; i++) found[i] = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
  found.sort();
  for (let i = 1; i < found.length; i++) if (found[i] === found[i - 1]) return false;
  let fixedBits = BLOCK_HEADER_BITS + FIXED_END_OF_BLOCK_BITS;
  for (const byte of data) {
    byteCounts[byte] += 1;
    fixedBits += byte < 144 ? 8 : 9;
  }
  // Few distinct bytes in a session: work on those (ascending), not on all 257 symbols.
  const used: number[] = [];
  const weights: number[] = [];
  for (let byte = 0; byte < 256; byte++) {
    if (byteCounts[byte] === 0) continue;
    used.push(byte);
    weights.push(byteCounts[byte]);
    byteCounts[byte] = 0;
  }
  used.push(END_OF_BLOCK);
  weights.push(1);
  const dynamicBits = DYNAMIC_HEADER_BITS + codeLengthsBits(used) + huffmanBits(weights);
  const storedBytes = 1 + STORED_LENGTHS_BYTES + n;
  const blockBytes = Math.min(storedBytes, Math.ceil(fixedBits / 8), Math.ceil(dynamicBits / 8));
  return ZLIB_WRAPPER_BYTES + blockBytes >= n - 1;
}

/**
 * At least the bits of a dynamic block's literal code lengths, from the
 * symbols used (ascending, end-of-block last): each has a non-zero length,
 * every other symbol below 257 a zero.
 */
function codeLengthsBits(used: readonly number[]): number {
  let bits = 0;
  let next = 0;
  let run = 0;
  for (const symbol of used) {
    if (symbol > next) {
      if (run > 0) bits += RUN_BITS.nonZero[run];
      bits += RUN_BITS.zero[symbol - next];
      run = 0;
    }
    run += 1;
    next = symbol + 1;
  }
  return bits + RUN_BITS.nonZero[run];
}

/**
 * The total bits of an optimal prefix code for symbols used `weights` times:
 * the sum of the weights of the nodes Huffman's algorithm merges. Two queues
 * (the sorted leaves, then the merged nodes, which come out in order) do it
 * without a heap.
 */
export function huffmanBits(weights: readonly number[]): number {
  if (weights.length < 2) return weights[0] ?? 0;
  const leaves = [...weights].sort((a, b) => a - b);
  const merged: number[] = [];
  let leaf = 0;
  let next = 0;
  let total = 0;
  const smallest = () => (next < merged.length && (leaf >= leaves.length || merged[next] < leaves[leaf]) ? merged[next++] : leaves[leaf++]);
  for (let nodes = leaves.length; nodes > 1; nodes--) {
    const sum = smallest() + smallest();
    merged.push(sum);
    total += sum;
  }
  return total;
}
