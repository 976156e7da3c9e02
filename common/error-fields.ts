// Field paths main puts in an error's `fields` that mean something beyond one form: the
// renderer words these errors differently wherever they appear.

/** ConsCent refused the connection's Client ID (marks the Client ID in Connections). */
export const CLIENT_ID_FIELD = 'connection.clientId';
