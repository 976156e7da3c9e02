// "changed" beside a form section's legend: the highlight is said in words too, not by
// colour alone, and a screen reader hears it with the section's name.
export function ChangedMark({ changed }: { changed: boolean }) {
  if (!changed) return null;
  return <span className="changed-mark"> · changed</span>;
}
