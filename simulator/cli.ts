import { USAGE, parseCliArgs } from './cli-args';
import { DEMO_CLIENT, type RecordedRequest } from './options';
import { startSimulator } from './server';
import { DUPLICATE_EMAIL, NO_PURCHASES_USER_ID, SEED_EXAMPLE_USER_ID } from './special-users';

// `npm run sim`: the simulator for people (demos, manual testing of the console).
// Prints what is needed to set up a connection; never a secret it was given.

function describeRequest(entry: RecordedRequest): string {
  const query = new URLSearchParams(entry.query).toString();
  const outcome = entry.status ?? (entry.fault === 'drop' ? 'dropped' : 'no answer');
  const fault = entry.fault ? ` [fault: ${entry.fault}]` : '';
  return `${entry.method} ${entry.path}${query ? `?${query}` : ''} -> ${outcome}${fault}`;
}

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`simulator: ${parsed.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }

  const quiet = parsed.quiet;
  const simulator = await startSimulator({
    ...parsed.options,
    onRequest: quiet ? undefined : (entry) => process.stdout.write(`${describeRequest(entry)}\n`),
  });

  const lines = [`ConsCent simulator listening on ${simulator.baseUrl}`];
  if (simulator.certificate) {
    lines.push('  HTTPS with a self-signed certificate: the console refuses it (a TLS failure), by design.');
  }
  for (const client of simulator.clients) {
    const isDemo = client.apiKey === DEMO_CLIENT.apiKey && client.apiSecret === DEMO_CLIENT.apiSecret;
    const secret = isDemo ? client.apiSecret : '(as given with --client)';
    lines.push(`  Client ID: ${client.clientId}   API key: ${client.apiKey}   API secret: ${secret}`);
  }
  lines.push(
    `  ${simulator.listUsers().length} users; seed example user ${SEED_EXAMPLE_USER_ID}`,
    `  shared email (two accounts): ${DUPLICATE_EMAIL}; user without purchases: ${NO_PURCHASES_USER_ID}`,
  );
  for (const rule of parsed.options.faults ?? []) {
    lines.push(`  fault: ${rule.method ?? 'any method'} ${rule.path ?? '*'} -> ${JSON.stringify(rule.fault)}${rule.times ? ` x${rule.times}` : ''}`);
  }
  lines.push('Press Ctrl+C to stop.');
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Received ${signal}, stopping.\n`);
    simulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
