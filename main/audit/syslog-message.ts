// One audit event as a syslog message (issue 20): RFC 5424 for the message, RFC 6587's
// octet counting to frame it on TCP (and RFC 5425's, which is the same, on TLS).
//
//   <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [conscent@32473 eventId="…" seq="…"] BOM{json}
//
// Hand-written: the format is a dozen lines, and no npm package for it is both maintained
// and small (docs/architecture.md). 32473 is the private enterprise number RFC 5612
// reserves for documentation and examples; an SD-ID with "@" needs one, and the console
// has none of its own. The JSON payload is the whole event; the SD element repeats the
// event id and sequence so a pipeline can drop repeats without parsing the JSON.

/** RFC 5424 §6.2.1: the numbers a facility name stands for. */
export const FACILITIES = {
  kern: 0,
  user: 1,
  mail: 2,
  daemon: 3,
  auth: 4,
  syslog: 5,
  lpr: 6,
  news: 7,
  uucp: 8,
  cron: 9,
  authpriv: 10,
  ftp: 11,
  ntp: 12,
  audit: 13,
  alert: 14,
  clock: 15,
  local0: 16,
  local1: 17,
  local2: 18,
  local3: 19,
  local4: 20,
  local5: 21,
  local6: 22,
  local7: 23,
} as const;
export type Facility = keyof typeof FACILITIES;

export const SEVERITIES = { emerg: 0, alert: 1, crit: 2, err: 3, warning: 4, notice: 5, info: 6, debug: 7 } as const;
export type Severity = keyof typeof SEVERITIES;

export const SD_ID = 'conscent@32473';
const NILVALUE = '-';
const BOM = '\uFEFF';

export interface SyslogHeader {
  facility: Facility;
  severity: Severity;
  /** When the event happened (an ISO time; RFC 5424 asks for RFC 3339 with a "T" and a zone). */
  timestamp: string;
  hostname: string;
  appName: string;
  procId?: string;
  msgId?: string;
  /** SD-PARAMs of the one SD element (name → value); none gives "-". */
  params?: Record<string, string>;
}

/** RFC 5424 header fields are PRINTUSASCII (33–126), at most `max` long; '-' when empty. */
function headerField(value: string | undefined, max: number): string {
  const printable = (value ?? '').replace(/[^\x21-\x7e]/g, '_').slice(0, max);
  return printable === '' ? NILVALUE : printable;
}

/** RFC 5424 §6.3.3: '"', '\' and ']' are escaped inside a PARAM-VALUE. */
function paramValue(value: string): string {
  return value.replace(/["\\\]]/g, (c) => `\\${c}`);
}

/** SD-NAMEs: printable ASCII but '=', ' ', ']' and '"', at most 32. */
function sdName(name: string): string {
  return name.replace(/[^\x21-\x7e]|[= \]"]/g, '_').slice(0, 32);
}

export function pri(facility: Facility, severity: Severity): number {
  return FACILITIES[facility] * 8 + SEVERITIES[severity];
}

/** The message (without framing): header, structured data, then the UTF-8 text with its BOM (§6.4). */
export function formatSyslogMessage(header: SyslogHeader, message: string): Buffer {
  const params = Object.entries(header.params ?? {});
  const sd = params.length === 0 ? NILVALUE : `[${SD_ID}${params.map(([name, value]) => ` ${sdName(name)}="${paramValue(value)}"`).join('')}]`;
  const head = [
    `<${pri(header.facility, header.severity)}>1`,
    headerField(header.timestamp, 32),
    headerField(header.hostname, 255),
    headerField(header.appName, 48),
    headerField(header.procId, 128),
    headerField(header.msgId, 32),
    sd,
  ].join(' ');
  return Buffer.from(`${head} ${BOM}${message}`, 'utf8');
}

/** RFC 6587 §3.4.1 octet counting: "<length in bytes> <message>". No newline: the count says where it ends. */
export function frameOctetCounted(message: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${message.length} `, 'ascii'), message]);
}

/** The parts of a message this module wrote (the witness and the tests read them back). */
export interface ParsedSyslog {
  pri: number;
  version: string;
  timestamp: string;
  hostname: string;
  appName: string;
  procId: string;
  msgId: string;
  params: Record<string, string>;
  message: string;
  /** Whether the message started with the UTF-8 BOM. */
  bom: boolean;
}

/** Reads back an RFC 5424 message with at most one SD element (what formatSyslogMessage writes); undefined otherwise. */
export function parseSyslogMessage(text: string): ParsedSyslog | undefined {
  const head = /^<(\d{1,3})>(\d) (\S+) (\S+) (\S+) (\S+) (\S+) /.exec(text);
  if (!head) return undefined;
  let rest = text.slice(head[0].length);
  const params: Record<string, string> = {};
  if (rest.startsWith(NILVALUE)) rest = rest.slice(1);
  else {
    const element = /^\[([^\s\]]+)((?: [^=\s\]"]+="(?:[^"\\]|\\.)*")*)\]/.exec(rest);
    if (!element) return undefined;
    for (const [, name = '', value = ''] of (element[2] ?? '').matchAll(/ ([^=\s\]"]+)="((?:[^"\\]|\\.)*)"/g)) {
      params[name] = value.replace(/\\(["\\\]])/g, '$1');
    }
    rest = rest.slice(element[0].length);
  }
  if (rest.startsWith(' ')) rest = rest.slice(1);
  const bom = rest.startsWith(BOM);
  return {
    pri: Number(head[1]),
    version: head[2] ?? '',
    timestamp: head[3] ?? '',
    hostname: head[4] ?? '',
    appName: head[5] ?? '',
    procId: head[6] ?? '',
    msgId: head[7] ?? '',
    params,
    message: bom ? rest.slice(BOM.length) : rest,
    bom,
  };
}
