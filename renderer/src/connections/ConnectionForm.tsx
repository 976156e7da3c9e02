import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { ConnectionSummary, SaveConnectionRequest, TestConnectionRequest } from '../../../common/connections-contract';
import { ENVIRONMENTS, ENVIRONMENT_PRESETS, type Environment } from '../../../common/environments';
import type { BridgeError } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';
import { fieldMessages } from '../errors/local-failure-words';
import { FieldErrorText, TextField } from '../ui/TextField';
import { CredentialHint } from './CredentialHint';
import {
  changesStoredTrust,
  leavesStoredOrigin,
  connectionFormSchema,
  type ConnectionFormOutput,
  type ConnectionFormValues,
} from './connection-form-schema';
import { formPathOf, initialValues, toRequestParts } from './connection-request';
import { NetworkFields } from './NetworkFields';
import { ProxyCredentialFields, needsProxyCredentials } from './TestOutcome';
import { ConnectionFormFooter, type TestState } from './ConnectionFormFooter';

// Create or edit a connection. The API key and secret are write-only: they are typed
// here, sent once to main (which puts them in the OS keychain) and never come back. For
// an existing connection the two fields start empty, meaning "keep the stored ones" —
// unless the base URL now points at another origin, or the proxy or extra certificate
// changed: stored ones never go there, so the fields become required and say why.

type ConnectionFormProps = {
  /** The connection being edited; absent for a new one. */
  editing?: ConnectionSummary;
  onSaved: (saved: ConnectionSummary) => void;
  /** Absent on first run, when there is nothing to go back to. */
  onCancel?: () => void;
};

export function ConnectionForm({ editing, onSaved, onCancel }: ConnectionFormProps) {
  const bridge = useBridge();
  const headingId = useId();
  const environmentId = useId();
  const hasStored = editing?.hasCredentials ?? false;
  const storedForBaseUrl = hasStored ? editing?.baseUrl : undefined;
  const storedTrust = useMemo(
    () => (hasStored && editing ? { proxy: editing.proxy, extraCertificate: editing.extraCertificate } : undefined),
    [hasStored, editing],
  );
  const schema = useMemo(() => connectionFormSchema(storedForBaseUrl, storedTrust), [storedForBaseUrl, storedTrust]);
  const resolver = useMemo(() => zodResolver(schema), [schema]);
  const {
    register,
    handleSubmit,
    setValue,
    setError,
    trigger,
    getValues,
    control,
    formState: { errors, isSubmitting },
  } = useForm<ConnectionFormValues, unknown, ConnectionFormOutput>({
    resolver,
    mode: 'onChange',
    defaultValues: initialValues(editing),
  });
  const [test, setTest] = useState<TestState>({ phase: 'idle' });
  const [saveError, setSaveError] = useState<BridgeError | null>(null);
  const environment = useWatch({ control, name: 'environment' });
  const baseUrl = useWatch({ control, name: 'baseUrl' });
  const proxyMode = useWatch({ control, name: 'proxyMode' });
  const proxyUrl = useWatch({ control, name: 'proxyUrl' });
  const extraCertificate = useWatch({ control, name: 'extraCertificate' });
  const isCustom = environment === 'custom';
  // Shown once a proxy asked for a password, and kept while the agent fills them in.
  const [proxyAsked, setProxyAsked] = useState<string | null>(null);
  const hostChanged = leavesStoredOrigin(storedForBaseUrl, baseUrl);
  const trustChanged = changesStoredTrust(storedTrust, { proxyMode, proxyUrl, extraCertificate });

  const showFieldErrors = (error: BridgeError) => {
    for (const [key, message] of Object.entries(fieldMessages(error))) {
      const path = formPathOf(key);
      if (path) setError(path, { type: 'server', message });
    }
  };

  const save = handleSubmit(async (values) => {
    setSaveError(null);
    const { connection, credentials } = toRequestParts(values);
    const request: SaveConnectionRequest = { connection };
    if (editing) request.id = editing.id;
    if (credentials) request.credentials = credentials;
    const result = await bridge.saveConnection(request);
    if (result.ok) {
      onSaved(result.value);
      return;
    }
    // Nothing typed is cleared: the agent fixes the cause and presses Save again.
    setSaveError(result.error);
    showFieldErrors(result.error);
  });

  // Not through handleSubmit: testing is not submitting, and must not lock the form as saving.
  const testConnection = async () => {
    setTest({ phase: 'idle' });
    if (!(await trigger(undefined, { shouldFocus: true }))) return;
    const parsed = schema.safeParse(getValues());
    if (!parsed.success) return;
    setTest({ phase: 'testing' });
    const { connection, credentials, proxyCredentials } = toRequestParts(parsed.data);
    const request: TestConnectionRequest = { connection };
    // Without new credentials, main tests with the ones stored for this connection.
    if (editing) request.id = editing.id;
    if (credentials) request.credentials = credentials;
    if (proxyCredentials) request.proxyCredentials = proxyCredentials;
    const result = await bridge.testConnection(request);
    if (!result.ok && needsProxyCredentials(result.error)) setProxyAsked(result.error.proxy ?? '');
    setTest(result.ok ? { phase: 'passed', result: result.value } : { phase: 'failed', error: result.error });
    // A refused Client ID, or credentials needed for a new host: mark those fields too.
    if (!result.ok) showFieldErrors(result.error);
  };

  const environmentField = register('environment', {
    onChange: (event: { target: { value: string } }) => {
      const chosen = event.target.value as Environment;
      // A preset fills its URL; Custom keeps what is there so the agent can edit it.
      if (chosen !== 'custom') {
        setValue('baseUrl', ENVIRONMENT_PRESETS[chosen].baseUrl, { shouldValidate: true, shouldDirty: true });
      }
    },
  });

  const busy = isSubmitting || test.phase === 'testing';

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{editing ? `Edit connection “${editing.name}”` : 'New connection'}</h2>
      {!editing && !onCancel ? (
        <p className="lead">No connection is set up yet. Enter the details from the ConsCent dashboard (Integrations page) to start.</p>
      ) : null}
      <form noValidate onSubmit={(event) => void save(event)} className="connection-form">
        <fieldset disabled={isSubmitting} className="plain-fieldset">
          <TextField label="Connection name" registration={register('name')} error={errors.name?.message} autoComplete="off" />
          <div className="field">
            <label htmlFor={environmentId}>Environment</label>
            <select
              id={environmentId}
              {...environmentField}
              aria-invalid={errors.environment ? true : undefined}
              aria-describedby={errors.environment ? `${environmentId}-error` : undefined}
            >
              {ENVIRONMENTS.map((env) => (
                <option key={env} value={env}>
                  {ENVIRONMENT_PRESETS[env].label}
                </option>
              ))}
            </select>
            <FieldErrorText id={`${environmentId}-error`} message={errors.environment?.message} />
          </div>
          <TextField
            label="Base URL"
            registration={register('baseUrl')}
            error={errors.baseUrl?.message}
            readOnly={!isCustom}
            hint={
              isCustom
                ? 'https:// only; http:// is allowed for this computer (e.g. a local simulator).'
                : 'Filled in by the environment. Choose Custom to type another URL.'
            }
            autoComplete="off"
            spellCheck={false}
          />
          <TextField label="Client ID" registration={register('clientId')} error={errors.clientId?.message} autoComplete="off" spellCheck={false} />
          <TextField
            label="API key"
            type="password"
            aria-required={hostChanged || trustChanged || !hasStored}
            registration={register('apiKey')}
            error={errors.apiKey?.message}
            hint={<CredentialHint what="API key" editing={editing} baseUrl={baseUrl} hostChanged={hostChanged} trustChanged={trustChanged} />}
            autoComplete="off"
          />
          <TextField
            label="API secret"
            type="password"
            aria-required={hostChanged || trustChanged || !hasStored}
            registration={register('apiSecret')}
            error={errors.apiSecret?.message}
            hint={<CredentialHint what="API secret" editing={editing} baseUrl={baseUrl} hostChanged={hostChanged} trustChanged={trustChanged} />}
            autoComplete="off"
          />
          <NetworkFields register={register} errors={errors} proxyMode={proxyMode} savedCertificate={editing?.extraCertificateInfo} />
          {proxyAsked !== null ? <ProxyCredentialFields proxy={proxyAsked || undefined} register={register} errors={errors} /> : null}
        </fieldset>

        <ConnectionFormFooter
          test={test}
          saveError={saveError}
          saveFailedTitle="The connection was not saved."
          saveLabel="Save connection"
          busy={busy}
          submitting={isSubmitting}
          onTest={() => void testConnection()}
          onCancel={onCancel}
        />
      </form>
    </section>
  );
}
