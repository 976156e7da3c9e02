// The ASCII form of a name for generated email addresses: "Søren Ó'Brien" → "sorenobrien".
// Diacritics are dropped (ø has no decomposition, so it is mapped by hand).
export function asciiSlug(text: string): string {
  return text
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}
