import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Credentials, type ConnectionSummary } from '../../../common/connections-contract';
import type { BridgeError } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';
import { fieldMessages } from '../errors/local-failure-words';
import { environmentLabel } from '../header/environment-label';
import { ManagedMark } from '../policy/ManagedMark';
import { TextField } from '../ui/TextField';
import { ConnectionFormFooter, type TestState } from './ConnectionFormFooter';

// A connection the organisation set up (issue 21.1): its name, URL, Client ID and network
// are the policy's, so the agent is asked only for the API key and secret, which main
// stores in the system keychain under the connection's id (never in the policy, never
// shown again).

type PresetCredentialsFormProps = {
  connection: ConnectionSummary;
  onSaved: (saved: ConnectionSummary) => void;
  onCancel?: () => void;
};

const fieldsOf = ({ name, environment, baseUrl, clientId, proxy, extraCertificate }: ConnectionSummary) => ({
  name,
  environment,
  baseUrl,
  clientId,
  ...(proxy ? { proxy } : {}),
  ...(extraCertificate ? { extraCertificate } : {}),
});

export function PresetCredentialsForm({ connection, onSaved, onCancel }: PresetCredentialsFormProps) {
  const bridge = useBridge();
  const headingId = useId();
  const resolver = useMemo(() => zodResolver(Credentials), []);
  const {
    register,
    handleSubmit,
    setError,
    trigger,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<Credentials>({ resolver, mode: 'onChange', defaultValues: { apiKey: '', apiSecret: '' } });
  const [test, setTest] = useState<TestState>({ phase: 'idle' });
  const [saveError, setSaveError] = useState<BridgeError | null>(null);
  const label = environmentLabel(connection);

  const showFieldErrors = (error: BridgeError) => {
    for (const [key, message] of Object.entries(fieldMessages(error))) {
      if (key === 'credentials.apiKey' || key === 'apiKey') setError('apiKey', { type: 'server', message });
      if (key === 'credentials.apiSecret' || key === 'apiSecret') setError('apiSecret', { type: 'server', message });
    }
  };

  const save = handleSubmit(async (credentials) => {
    setSaveError(null);
    const result = await bridge.savePresetCredentials({ id: connection.id, credentials });
    if (result.ok) {
      onSaved(result.value);
      return;
    }
    // What was typed stays: the agent fixes the cause and saves again.
    setSaveError(result.error);
    showFieldErrors(result.error);
  });

  const testConnection = async () => {
    setTest({ phase: 'idle' });
    if (!(await trigger(undefined, { shouldFocus: true }))) return;
    setTest({ phase: 'testing' });
    const result = await bridge.testConnection({ id: connection.id, connection: fieldsOf(connection), credentials: getValues() });
    setTest(result.ok ? { phase: 'passed', result: result.value } : { phase: 'failed', error: result.error });
  };

  const busy = isSubmitting || test.phase === 'testing';

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>API key and secret for “{connection.name}”</h2>
      <p className="lead">
        <ManagedMark /> — this connection is set up by your organisation. Enter only the API key and secret your team gave you; they are stored in the
        system keychain.
      </p>
      <dl className="connection-facts">
        <dt>Environment</dt>
        <dd>{label.short}</dd>
        <dt>Base URL</dt>
        <dd className="mono">{connection.baseUrl}</dd>
        <dt>Client ID</dt>
        <dd className="mono">{connection.clientId}</dd>
      </dl>
      <form noValidate onSubmit={(event) => void save(event)} className="connection-form">
        <fieldset disabled={isSubmitting} className="plain-fieldset">
          <TextField
            label="API key"
            type="password"
            aria-required
            registration={register('apiKey')}
            error={errors.apiKey?.message}
            autoComplete="off"
          />
          <TextField
            label="API secret"
            type="password"
            aria-required
            registration={register('apiSecret')}
            error={errors.apiSecret?.message}
            autoComplete="off"
          />
        </fieldset>
        <ConnectionFormFooter
          test={test}
          saveError={saveError}
          saveFailedTitle="The API key and secret were not saved."
          saveLabel="Save key and secret"
          busy={busy}
          submitting={isSubmitting}
          onTest={() => void testConnection()}
          onCancel={onCancel}
        />
      </form>
    </section>
  );
}
