// `npm run scenario -- path/to/scenario.json`: run a scenario through the same
// browser and engine as the playground; print its transcript. Requests go
// straight to the site, as the playground replays a run's history (MSW's
// handlers answer the same: tests/sim/scenario/transports.test.ts).
// Exit 2, with the file, step and field on stderr, for an invalid scenario.
import { readFileSync } from 'node:fs';
import { formatScenarioErrors, parseScenarioJson } from '../src/sim/scenario/schema';
import { runScenario } from '../src/sim/scenario/run';
import { directTransport, SettingsError } from '../src/sim/world';

async function main(args: string[]): Promise<number> {
  if (args.length !== 1) {
    process.stderr.write('usage: npm run scenario -- path/to/scenario.json\n');
    return 2;
  }
  const file = args[0];
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    process.stderr.write(`${file}: cannot read: ${(error as Error).message}\n`);
    return 2;
  }
  let text: string;
  try {
    // JSON is UTF-8 text: bytes that are not are refused, never replaced silently.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    process.stderr.write(`${file}: is not UTF-8 text (a scenario is a JSON file, which must be UTF-8)\n`);
    return 2;
  }
  const parsed = parseScenarioJson(text, file);
  if (!parsed.ok) {
    process.stderr.write(formatScenarioErrors(parsed.errors, file).join('\n') + '\n');
    return 2;
  }
  try {
    const { transcript } = await runScenario(parsed.scenario, directTransport);
    process.stdout.write(JSON.stringify(transcript, null, 2) + '\n');
    return 0;
  } catch (error) {
    if (error instanceof SettingsError) {
      process.stderr.write(error.message.split('\n').map((line) => `${file}: field settings.${line}`).join('\n') + '\n');
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
