import { parseArgs } from 'node:util';
import { ADDRESS_LIST_MODES, DEMO_CLIENT, FAULT_KINDS, FAULT_STATUSES, HTML_STATUSES, SimulatorOptions, type Fault, type FaultRule } from './options';
import { parseRate } from './rate-limit';

// Turns command-line words into simulator options. Kept apart from cli.ts so it can be
// tested without starting a process.

export const DEFAULT_CLI_PORT = 4010;

export const USAGE = `Usage: npm run sim -- [options]
       tsx simulator/cli.ts [options]

A local ConsCent-compatible API server for the ConsCent Console (loopback only).

Options:
  --port N                  port to listen on; 0 picks a free one (default ${DEFAULT_CLI_PORT})
  --host ADDR               loopback address to bind (default 127.0.0.1)
  --base-path PATH          path prefix of the API (default /api/v1)
  --users N                 generated users besides the fixed ones (default 1000)
  --seed N                  seed for the generated users (default 1)
  --client ID:KEY:SECRET    a client and its API credentials; repeatable
                            (default ${DEMO_CLIENT.clientId}:${DEMO_CLIENT.apiKey}:${DEMO_CLIENT.apiSecret})
  --address-list-mode M     what a shipping/billing list in a PATCH does: replace | append (default replace)
  --max-body-bytes N        largest request body accepted (default 65536)
  --fault RULE              inject a fault; repeatable. RULE is [METHOD:]PATH=FAULT[xTIMES]
                            PATH: * or a path below the base path, e.g. /client/update-user
                            FAULT: latency:MS | 401 | 403 | 404 | 429[:RETRY_AFTER_S] | 500 | 502 | 503
                                   | drop | html[:STATUS] | malformed-json | wrong-shape | oversized[:BYTES] | hang
                            (html:200 is a sign-in page where JSON belongs; plain html is a 502 gateway page)
                            e.g. --fault /client/update-user=500x2 --fault '*=latency:2000'
  --rate N/s[:BURST]        answer 429 with Retry-After past N requests a second (a token bucket
                            holding BURST, one second's worth by default), e.g. --rate 20/s
  --tls                     listen with HTTPS, using a fresh self-signed certificate
                            (the console refuses it by design: for practising TLS failures)
  --quiet                   do not print one line per request
  --help                    show this help
`;

export type CliParse = { kind: 'run'; options: SimulatorOptions; quiet: boolean } | { kind: 'help' } | { kind: 'error'; message: string };

const WHOLE = /^\d+$/;

const FLAG_OF_OPTION: Record<string, string> = {
  port: '--port',
  host: '--host',
  basePath: '--base-path',
  userCount: '--users',
  seed: '--seed',
  clients: '--client',
  addressListMode: '--address-list-mode',
  maxBodyBytes: '--max-body-bytes',
  faults: '--fault',
  tls: '--tls',
  rate: '--rate',
};

function parseFault(spec: string): Fault {
  const [head = '', argument] = spec.split(/:(.*)/s, 2);
  const number = (what: string) => {
    if (argument === undefined || !WHOLE.test(argument)) throw new Error(`"${spec}": ${what} must be a whole number.`);
    return Number(argument);
  };
  if (head === 'latency') return { kind: 'latency', ms: number('latency needs milliseconds, e.g. latency:2000; it') };
  if (WHOLE.test(head)) {
    const status = FAULT_STATUSES.find((candidate) => String(candidate) === head);
    if (status === undefined) throw new Error(`"${spec}": status must be one of ${FAULT_STATUSES.join(', ')}.`);
    if (argument !== undefined && status !== 429) throw new Error(`"${spec}": only 429 takes a Retry-After value.`);
    return argument === undefined ? { kind: 'status', status } : { kind: 'status', status, retryAfterSeconds: number('Retry-After') };
  }
  if (head === 'html' && argument !== undefined) {
    const status = HTML_STATUSES.find((candidate) => String(candidate) === argument);
    if (status === undefined) throw new Error(`"${spec}": an html page's status must be one of ${HTML_STATUSES.join(', ')}.`);
    return { kind: 'html', status };
  }
  if (head === 'oversized') return argument === undefined ? { kind: 'oversized' } : { kind: 'oversized', bytes: number('size') };
  if (argument === undefined && (head === 'drop' || head === 'html' || head === 'malformed-json' || head === 'wrong-shape' || head === 'hang')) {
    return { kind: head };
  }
  throw new Error(`"${spec}" is not a fault. Use a status code or one of: ${FAULT_KINDS.filter((k) => k !== 'status').join(', ')}.`);
}

/** `[METHOD:]PATH=FAULT[xTIMES]`, e.g. `PATCH:/client/update-user=429:10x1` or `*=latency:2000`. */
export function parseFaultRule(text: string): FaultRule {
  const equals = text.indexOf('=');
  if (equals < 0) throw new Error(`"${text}": a fault rule is PATH=FAULT, e.g. /client/update-user=500.`);
  const target = text.slice(0, equals);
  const methodMatch = target.match(/^([A-Za-z]+):(.*)$/s);
  const method = methodMatch?.[1];
  const path = methodMatch?.[2] ?? target;
  if (path !== '*' && !path.startsWith('/')) throw new Error(`"${text}": the path is * or starts with /.`);
  const timesMatch = text.slice(equals + 1).match(/^(.*?)(?:x(\d+))?$/s);
  const fault = parseFault(timesMatch?.[1] ?? '');
  const times = timesMatch?.[2] === undefined ? undefined : Number(timesMatch[2]);
  if (times === 0) throw new Error(`"${text}": xTIMES must be at least 1.`);
  return { path, ...(method ? { method: method.toUpperCase() } : {}), fault, ...(times ? { times } : {}) };
}

function parseClient(text: string) {
  const parts = text.split(':');
  if (parts.length !== 3 || parts.some((part) => part === '')) {
    throw new Error(`"--client ${parts[0] ?? ''}:…": expected CLIENT_ID:API_KEY:API_SECRET.`);
  }
  const [clientId = '', apiKey = '', apiSecret = ''] = parts;
  return { clientId, apiKey, apiSecret };
}

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!WHOLE.test(value)) throw new Error(`--${name} must be a whole number, not "${value}".`);
  return Number(value);
}

export function parseCliArgs(argv: readonly string[]): CliParse {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'base-path': { type: 'string' },
        users: { type: 'string' },
        seed: { type: 'string' },
        client: { type: 'string', multiple: true },
        'address-list-mode': { type: 'string' },
        'max-body-bytes': { type: 'string' },
        fault: { type: 'string', multiple: true },
        tls: { type: 'boolean' },
        rate: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) return { kind: 'help' };
    if (positionals.length > 0) throw new Error(`Unexpected argument "${positionals[0]}".`);
    const mode = values['address-list-mode'];
    if (mode !== undefined && !ADDRESS_LIST_MODES.some((known) => known === mode)) {
      throw new Error(`--address-list-mode must be ${ADDRESS_LIST_MODES.join(' or ')}, not "${mode}".`);
    }
    // The client's secret may be in the error of a bad --client: never echo it.
    const clients = values.client?.map(parseClient);
    const options: SimulatorOptions = {
      port: wholeNumber('port', values.port) ?? DEFAULT_CLI_PORT,
      host: values.host,
      basePath: values['base-path'],
      userCount: wholeNumber('users', values.users),
      seed: wholeNumber('seed', values.seed),
      clients,
      addressListMode: mode === 'append' ? 'append' : mode === 'replace' ? 'replace' : undefined,
      maxBodyBytes: wholeNumber('max-body-bytes', values['max-body-bytes']),
      faults: values.fault?.map(parseFaultRule),
      tls: values.tls,
      rate: values.rate === undefined ? undefined : parseRate(values.rate),
    };
    const checked = SimulatorOptions.safeParse(options);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const field = String(issue?.path[0] ?? '');
      throw new Error(`${FLAG_OF_OPTION[field] ?? field}: ${issue?.message ?? 'invalid value'}`);
    }
    return { kind: 'run', options, quiet: values.quiet ?? false };
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}
