import { z } from 'zod';

// How a connection reaches ConsCent through a corporate network (issue 13): which proxy,
// which extra certificate to trust, and what Test connection reports about the route.
// Shared by main (which validates and acts on them) and the renderer (the form).

export const PROXY_MODES = ['system', 'none', 'manual'] as const;
export type ProxyMode = (typeof PROXY_MODES)[number];

export const PROXY_MODE_LABELS: Record<ProxyMode, string> = {
  system: 'System (default)',
  none: 'No proxy',
  manual: 'Manual proxy',
};

export const PROXY_URL_EXAMPLE = 'http://proxy.example.com:8080';

/** Why a typed proxy address cannot be used; undefined when it can. */
export function proxyUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(withScheme(raw.trim()));
  } catch {
    return `Enter the proxy as host:port or a URL, like ${PROXY_URL_EXAMPLE}.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `The proxy must be an http:// or https:// proxy, like ${PROXY_URL_EXAMPLE}.`;
  // The proxy password goes to the keychain, never into the settings file.
  if (url.username || url.password)
    return 'Leave the user name and password out of the proxy address: the console asks for them when the proxy wants them.';
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    return `The proxy address is only scheme, host and port, like ${PROXY_URL_EXAMPLE}.`;
  if (!url.hostname) return `Enter the proxy's host name, like ${PROXY_URL_EXAMPLE}.`;
  return undefined;
}

/** "proxy.corp:8080" is read as http://proxy.corp:8080, as browsers and PAC files mean it. */
function withScheme(raw: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
}

export const ProxyUrl = z
  .string()
  .trim()
  .min(1, `Enter the proxy address, like ${PROXY_URL_EXAMPLE}.`)
  .max(2048, 'The proxy address is too long.')
  .superRefine((value, ctx) => {
    const problem = proxyUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  // Stored as the origin the parser reads (default port dropped), so one proxy has one spelling.
  .transform((value) => new URL(withScheme(value)).origin);

/** Absent in a stored connection means 'system': older settings files keep working unchanged. */
export const ProxySetting = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('system') }),
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({ mode: z.literal('manual'), url: ProxyUrl }),
]);
export type ProxySetting = z.infer<typeof ProxySetting>;

export const MAX_CERTIFICATE_CHARS = 16_384;
export const CERTIFICATE_NOT_PEM =
  'Paste one certificate in PEM form: the text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE----- (ask IT for the .pem or .crt file).';
export const CERTIFICATE_UNREADABLE =
  'This certificate could not be read. Ask IT for the company root certificate as a .pem or .crt file and paste its text.';

/** An extra certificate to trust (PEM): public, so it lives in the settings file. Main parses it for real. */
export const ExtraCertificate = z
  .string()
  .trim()
  .max(MAX_CERTIFICATE_CHARS, 'That is too long for one certificate: paste only the company root certificate.')
  .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/, CERTIFICATE_NOT_PEM)
  .refine((pem) => pem.split('-----BEGIN CERTIFICATE-----').length === 2, CERTIFICATE_NOT_PEM);

/** What the console shows of a certificate: who it names, who signed it, until when. */
export type CertificateInfo = {
  subject: string;
  issuer: string;
  /** ISO date-time. */
  validTo: string;
};

const proxySecret = (label: string, max: number) => z.string().min(1, `Enter the proxy ${label}.`).max(max, `The proxy ${label} is too long.`);

/** Asked for when the proxy answers 407; stored in the keychain, never in the settings file. */
export const ProxyCredentials = z.strictObject({
  username: proxySecret('user name', 256).refine((value) => !value.includes(':'), "The proxy user name cannot contain ':'."),
  password: proxySecret('password', 512),
});
export type ProxyCredentials = z.infer<typeof ProxyCredentials>;

/** How Test connection reached ConsCent: directly, or through which proxy (host:port, and how main talks to it). */
export type RouteReport = { kind: 'direct' } | { kind: 'proxy'; proxy: string; scheme: 'http' | 'https' };
