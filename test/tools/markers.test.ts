import { betweenMarkers, withBetweenMarkers } from '../../tools/markers';

describe('generated blocks between markers', () => {
  const text = 'intro\n<!-- a:start -->\nold\n<!-- a:end -->\nrest\n';

  test('the block is read from between the markers, in order', () => {
    expect(betweenMarkers(text, '<!-- a:start -->', '<!-- a:end -->')).toBe('\nold\n');
    expect(betweenMarkers(text, '<!-- a:end -->', '<!-- a:start -->')).toBeUndefined();
    expect(betweenMarkers(text, '<!-- b:start -->', '<!-- a:end -->')).toBeUndefined();
  });

  test('replacing the block keeps everything outside it, and is stable', () => {
    const once = withBetweenMarkers(text, '<!-- a:start -->', '<!-- a:end -->', 'new', 'X.md');
    expect(once).toBe('intro\n<!-- a:start -->\n\nnew\n\n<!-- a:end -->\nrest\n');
    expect(withBetweenMarkers(once, '<!-- a:start -->', '<!-- a:end -->', 'new', 'X.md')).toBe(once);
  });

  test('a missing marker is an error naming the file and both markers', () => {
    expect(() => withBetweenMarkers('intro', '<!-- a:start -->', '<!-- a:end -->', 'new', 'X.md')).toThrow(
      'X.md lacks the markers <!-- a:start --> ... <!-- a:end -->',
    );
  });
});
