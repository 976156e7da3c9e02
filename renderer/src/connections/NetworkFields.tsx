import { useId } from 'react';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { PROXY_MODES, PROXY_MODE_LABELS, PROXY_URL_EXAMPLE, type CertificateInfo, type ProxyMode } from '../../../common/network-settings';
import { formatDay } from '../format/times';
import { FieldErrorText, TextField } from '../ui/TextField';
import type { ConnectionFormValues } from './connection-form-schema';

// The connection's network (issue 13): which proxy its requests take, and an extra
// certificate to trust when IT hands one out. "System (default)" follows this computer's
// proxy settings (PAC and automatic detection included) as the browser does.

type NetworkFieldsProps = {
  register: UseFormRegister<ConnectionFormValues>;
  errors: FieldErrors<ConnectionFormValues>;
  proxyMode: ProxyMode;
  /** What main read of the saved extra certificate, when there is one. */
  savedCertificate: CertificateInfo | undefined;
};

const MODE_HINTS: Record<ProxyMode, string> = {
  system: "Uses this computer's proxy settings, including automatic configuration (PAC), like the web browser.",
  none: 'Connects straight to ConsCent, even if this computer has a proxy set.',
  manual: 'Only if IT gave you a proxy address for this console.',
};

export function NetworkFields({ register, errors, proxyMode, savedCertificate }: NetworkFieldsProps) {
  const proxyId = useId();
  const certificateId = useId();
  const certificateHintId = `${certificateId}-hint`;
  const certificateErrorId = `${certificateId}-error`;
  const certificateError = errors.extraCertificate?.message;
  return (
    <fieldset className="plain-fieldset network-fields">
      <legend>Network</legend>
      <div className="field">
        <label htmlFor={proxyId}>Proxy</label>
        <select id={proxyId} {...register('proxyMode')} aria-describedby={`${proxyId}-hint`}>
          {PROXY_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {PROXY_MODE_LABELS[mode]}
            </option>
          ))}
        </select>
        <p id={`${proxyId}-hint`} className="hint">
          {MODE_HINTS[proxyMode]}
        </p>
      </div>
      {proxyMode === 'manual' ? (
        <TextField
          label="Proxy address"
          registration={register('proxyUrl')}
          error={errors.proxyUrl?.message}
          hint={`host:port or a URL, like ${PROXY_URL_EXAMPLE}. A proxy password is asked for when the proxy wants one.`}
          autoComplete="off"
          spellCheck={false}
        />
      ) : null}
      <div className="field">
        <label htmlFor={certificateId}>Extra trusted certificate (optional)</label>
        <textarea
          id={certificateId}
          rows={4}
          spellCheck={false}
          placeholder="-----BEGIN CERTIFICATE-----"
          {...register('extraCertificate')}
          aria-invalid={certificateError ? true : undefined}
          aria-describedby={[certificateHintId, certificateError ? certificateErrorId : null].filter(Boolean).join(' ')}
        />
        <p id={certificateHintId} className="hint">
          {savedCertificate ? (
            <>
              Trusted now: <strong>{savedCertificate.subject}</strong>, issued by {savedCertificate.issuer}, valid until{' '}
              {formatDay(savedCertificate.validTo)}.{' '}
            </>
          ) : null}
          Only if IT gave you a company certificate (PEM text) and it is not installed on this computer. Certificates are always checked; this only
          adds one more authority.
        </p>
        <FieldErrorText id={certificateErrorId} message={certificateError} />
      </div>
    </fieldset>
  );
}
