// A ConsCent user id: a 24-hex MongoDB ObjectId. Apart from user-schemas.ts so the lookup
// box's parser can use it without loading every schema on the page's first paint.
export const OBJECT_ID_PATTERN = /^[a-f0-9]{24}$/i;
