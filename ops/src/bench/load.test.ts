import { sameButSplitCharacters } from './load';

/** autocannon's body of a big answer, decoded chunk by chunk: what the bench's check must see through. */
describe('sameButSplitCharacters', () => {
  const answer = '{"name":"Plateforme d’analyse élémentaire 🧪","n":1}';
  /** The answer as autocannon gives it when its bytes are cut in two at `at`. */
  const cut = (at: number) => {
    const bytes = Buffer.from(answer);
    return bytes.subarray(0, at).toString() + bytes.subarray(at).toString();
  };

  it('sees the same answer through a character cut between two chunks, wherever the cut', () => {
    const bytes = Buffer.from(answer).length;
    for (let at = 1; at < bytes; at++) {
      const body = cut(at);
      expect(body === answer || sameButSplitCharacters(body, answer)).toBe(true);
    }
    expect(cut(23)).toContain('\uFFFD'); // inside the ’
  });

  it('still sees other data as other data', () => {
    expect(sameButSplitCharacters(cut(23).replace('"n":1', '"n":2'), answer)).toBe(false);
    expect(sameButSplitCharacters(cut(23).replace('élémentaire', 'elementaire'), answer)).toBe(false);
    expect(sameButSplitCharacters('{"name":"\uFFFD","n":1}', answer)).toBe(false);
    expect(sameButSplitCharacters(answer, answer)).toBe(false); // no cut: the plain comparison's
  });
});
