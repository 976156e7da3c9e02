// The only thing the UI ever says about a stored API key and secret: where they are.
export const STORED_IN_KEYCHAIN = 'Stored in the system keychain';
export const NOT_STORED = 'Not stored — edit this connection to add them';
/** A connection the organisation set up: only its key and secret are the agent's to enter. */
export const NOT_STORED_MANAGED = 'Not stored — enter them with the button below';
export const KEYCHAIN_UNREADABLE = 'Unknown — the system keychain cannot be read right now';
