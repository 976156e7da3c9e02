// Text as a search compares it: lowercase, accents and other marks removed, compatibility
// forms unified ("José" and "JOSE" both fold to "jose", "ﬁ" to "fi"), so an agent typing a
// name from a ticket without its accents still finds it. One function for main's two
// searches over text it keeps (the history's reader filter, the local reader search).
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
