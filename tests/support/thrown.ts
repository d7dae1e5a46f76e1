/** What `call` throws; a call that returns fails the test. */
export function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected an exception');
}
