/**
 * A Python that can run Django tests, if this machine has one: $PYTHON, then
 * Debian's /usr/bin/python3 (where python3-django installs), then python3 on
 * the PATH. The export tests run with real Django when one is found and
 * report themselves skipped otherwise: the test command never needs Python.
 */
import { spawnSync } from 'node:child_process';

export interface DjangoPython {
  command: string;
  version: [number, number];
  /** e.g. "4.2.21" */
  label: string;
}

function probe(command: string): DjangoPython | null {
  const result = spawnSync(command, ['-c', 'import django, freezegun; print(django.get_version(), *django.VERSION[:2])'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (result.status !== 0) return null;
  const [label, major, minor] = result.stdout.trim().split(' ');
  return { command, version: [Number(major), Number(minor)], label };
}

export function findDjangoPython(): DjangoPython | null {
  const candidates = [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => Boolean(c));
  for (const command of candidates) {
    const found = probe(command);
    if (found) return found;
  }
  return null;
}
