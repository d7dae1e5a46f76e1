/**
 * A playground run as a POSIX shell script of curl commands. Each browser
 * profile gets a cookie jar file in curl's Netscape format, which curl reads
 * before each request (-b) and writes back after it (-c), so the script
 * carries the real server's session keys from one request to the next.
 * curl is not Chrome: where its cookie rules differ for a step of this run
 * (SameSite, above all), a comment says what Chrome did. Pure.
 */
import { stepKindOf } from '../scenario/steps';
import type { StepContext } from './step-context';
import { exportFileStem, type ExportResult, type RunToExport } from './run';
import { sessionKeyLabels } from './keys';

/** The start of every script: settings, and the jar edits (one shell function each). */
export const CURL_PRELUDE = String.raw`set -eu

# Where the jar files go (one per browser profile); kept after the run.
JARS=${'$'}{JARS:-$(mktemp -d)}
# To send the requests to a local server instead of the run's hosts, e.g.
# CONNECT_TO=shop.example:80:127.0.0.1:8000 for http:// URLs (the Host
# header and the cookies' domain stay shop.example). An https:// URL needs
# a server that speaks TLS there.
CONNECT=${'$'}{CONNECT_TO:+--connect-to ${'$'}CONNECT_TO}

# Netscape jar lines: domain, subdomains?, path, secure?, expiry (0 = a
# session cookie), name, value; "#HttpOnly_" before the domain marks HttpOnly.
# curl's format has no SameSite column.
new_jar() { printf '# Netscape HTTP Cookie File\n\n' > "$1"; }

# A browser restart: drop the cookies without an expiry.
drop_session_cookies() {
  awk -F '\t' '/^#HttpOnly_/ || !/^#/ { if (NF >= 7 && $5 == "0") next } { print }' "$1" > "$1.tmp" && mv "$1.tmp" "$1"
}

# A cookie written by hand: replace the one of that name, domain and path.
set_cookie_line() {
  LINE=$2 awk -F '\t' '
    BEGIN { split(ENVIRON["LINE"], c, "\t"); d = c[1]; sub(/^#HttpOnly_/, "", d) }
    { x = $1; sub(/^#HttpOnly_/, "", x); if (NF >= 7 && x == d && $3 == c[3] && $6 == c[6]) next; print }
    END { print ENVIRON["LINE"] }' "$1" > "$1.tmp" && mv "$1.tmp" "$1"
}

# A stolen cookie: every cookie of that name in jar $1, copied into jar $2.
copy_cookies() {
  NAME=$3 awk -F '\t' '
    function id(line,   f, d) { split(line, f, "\t"); d = f[1]; sub(/^#HttpOnly_/, "", d); return d "\t" f[3] }
    FNR == NR { if (NF >= 7 && $6 == ENVIRON["NAME"]) { copied[id($0)] = 1; lines[++n] = $0 } next }
    { if (NF >= 7 && $6 == ENVIRON["NAME"] && (id($0) in copied)) next; print }
    END { for (i = 1; i <= n; i++) print lines[i] }' "$1" "$2" > "$2.tmp" && mv "$2.tmp" "$2"
}
`;

export function exportCurlScript(run: RunToExport): ExportResult {
  const { scenario, records } = run;
  const transcript = { name: scenario.name, steps: records.map((r) => r.entry) };
  const label = sessionKeyLabels(scenario.steps, transcript);
  const profiles = [...new Set(records.flatMap((r) => Object.keys(r.entry.jars)))].sort();
  const files = jarFileNames(profiles);
  // The names are letters, digits, - and _ (jarFileNames): safe inside double quotes.
  const jarFile = (profile: string) => `"$JARS/${files.get(profile) ?? 'default.txt'}"`;

  const lines = [
    '#!/bin/sh',
    `# The playground run ${JSON.stringify(scenario.name)} as curl commands,`,
    '# exported from the Django Session Playground. Each request prints the',
    '# answer\'s headers and body; comments show what Chrome sent and what',
    '# Django answered in the playground (<k1>, <k2>, ... stand for session',
    '# keys, which are random). curl keeps cookies as RFC 6265 says, not as',
    '# Chrome does: it does not enforce SameSite, and it knows no page that',
    '# starts a request (no cross-site requests, no fetch credentials modes).',
    `# Settings of the run: ${JSON.stringify(scenario.settings)}`,
    CURL_PRELUDE,
    ...profiles.map((profile) => `new_jar ${jarFile(profile)}`),
  ];
  records.forEach((record, index) => {
    const step = scenario.steps[index];
    const context: StepContext = { number: index + 1, record, label, jarFile };
    lines.push('', `# Step ${index + 1}`);
    if (record.error !== null) lines.push(`# The playground refused this step (${record.error}): nothing happened.`);
    else lines.push(...stepKindOf(step).curl(step, context));
  });
  lines.push('', 'echo "Cookie jars: $JARS"', '');
  return { ok: true, fileName: `${exportFileStem(scenario.name)}.sh`, mediaType: 'text/x-shellscript', text: lines.join('\n') };
}

/** One file name per profile, safe in a path; distinct even when two names reduce to the same letters. */
function jarFileNames(profiles: string[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const profile of profiles) {
    const base = profile.replace(/[^A-Za-z0-9_-]+/g, '_') || 'profile';
    let name = `${base}.txt`;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}.txt`;
    used.add(name);
    names.set(profile, name);
  }
  return names;
}
