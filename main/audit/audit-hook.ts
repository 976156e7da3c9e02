import type { DataKeyring } from '../at-rest/data-key';
import type { JournalObserver } from '../history/journal-observer';
import type { Logger } from '../logging/logger';
import type { NetworkEnvironment } from '../network/network-environment';
import { openAuditForwarder, type AuditForwarder, type AuditStatus } from './audit-forwarder';
import type { AuditSettings } from './audit-settings';

// How main wires forwarding (app-services.ts): the journal gets an observer at once, and
// the forwarder behind it is opened on the journal's first use, when the settings file
// (its `audit` section) and the data key can be read. No section: the observer does
// nothing and no outbox is made. A change of the section is read at the next start.

export interface AuditHook {
  observer: JournalObserver;
  /** The forwarder, or null when forwarding is not configured (opens it if need be). */
  forwarder(): Promise<AuditForwarder | null>;
  /** For the bridge, later: null when forwarding is not configured. */
  status(): Promise<AuditStatus | null>;
  stop(): Promise<void>;
}

export interface AuditHookOptions {
  dir: string;
  settings: () => Promise<AuditSettings | undefined>;
  dataKeys: DataKeyring;
  network?: Pick<NetworkEnvironment, 'systemCertificates'>;
  logger?: Logger;
}

export function createAuditHook(options: AuditHookOptions): AuditHook {
  let opening: Promise<AuditForwarder | null> | undefined;
  const forwarder = () => {
    opening ??= options.settings().then((settings) =>
      settings
        ? openAuditForwarder({
            dir: options.dir,
            settings,
            dataKeys: options.dataKeys,
            ...(options.network ? { network: options.network } : {}),
            ...(options.logger ? { logger: options.logger } : {}),
          })
        : null,
    );
    return opening;
  };
  // A forwarder that cannot open (its folder unwritable, the keychain locked) must not stop
  // the agent's work: the support log says so, and the next line tries again.
  const usable = () =>
    forwarder().catch((error: unknown) => {
      opening = undefined;
      options.logger?.error('audit.forwarder-not-opened', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      return null;
    });
  return {
    observer: {
      opened(head) {
        void usable().then((f) => f?.opened?.(head));
      },
      async writing(line, hash, head) {
        await (await usable())?.writing(line, hash, head);
      },
    },
    forwarder,
    status: async () => (await forwarder())?.status() ?? null,
    async stop() {
      await (await opening?.catch(() => null))?.stop();
    },
  };
}
