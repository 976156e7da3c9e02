import { severityOf, type AuditEvent } from './audit-event';
import type { AuditSettings } from './audit-settings';
import { formatSyslogMessage, frameOctetCounted } from './syslog-message';

// How one outbox event goes on the wire: an RFC 5424 message whose MSG is the event as
// JSON, framed by octet counting (RFC 6587). Kept apart from the delivery loop, which only
// moves frames, so the syslog header a collector parses is decided in one place.

export function frameOfEvent(event: AuditEvent, settings: Pick<AuditSettings, 'facility' | 'appName'>, machine: string): Buffer {
  const message = formatSyslogMessage(
    {
      facility: settings.facility,
      severity: severityOf(event.kind),
      timestamp: event.at,
      hostname: machine,
      appName: settings.appName,
      procId: String(process.pid),
      msgId: event.kind,
      // The event id again, so a pipeline can drop repeats without parsing the JSON.
      params: { eventId: event.eventId, seq: String(event.seq) },
    },
    JSON.stringify(event),
  );
  return frameOctetCounted(message);
}
