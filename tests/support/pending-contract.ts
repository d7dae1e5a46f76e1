import { test } from 'vitest';

/**
 * Contract scenarios the engine does not model yet, each with its reason. The
 * golden tests run these as expected to fail, so one that starts matching
 * fails loudly until its entry is removed. Nothing else may be skipped.
 */
export const pendingContractScenarios: Readonly<Record<string, string>> = {};

/** A golden test for contract scenario `name`: expected to fail while it is pending. */
export function contractTest(name: string, body: () => Promise<void> | void, timeout?: number): void {
  const reason = Object.hasOwn(pendingContractScenarios, name) ? pendingContractScenarios[name] : undefined;
  if (reason === undefined) test(name, body, timeout);
  else test.fails(`${name} (pending: ${reason})`, body, timeout);
}
