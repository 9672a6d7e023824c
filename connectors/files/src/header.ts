/** Header cells as written → names to key rows by. */
export function headerNames(cells: readonly string[]): string[] {
  // NFC: a header typed on a Mac may spell `é` as `e` + combining accent, and must still match.
  return cells.map((cell) => cell.trim().normalize('NFC'));
}

/**
 * What makes a header unusable: a name the connector needs is missing (not the file it expects), or a
 * name is there twice (one column would hide the other).
 */
export function headerProblems(header: readonly string[], expected: readonly string[] = []): string[] {
  return [
    ...expected.filter((h) => !header.includes(h)).map((h) => `missing header ${JSON.stringify(h)}`),
    ...header
      .filter((h, i) => h !== '' && header.indexOf(h) !== i)
      .map((h) => `duplicate header ${JSON.stringify(h)}`),
  ];
}
