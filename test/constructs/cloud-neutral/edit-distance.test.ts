import { editDistance } from '../../../constructs/cloud-neutral/edit-distance';

describe('editDistance', () => {
  test.each([
    ['swedencentrall', 'swedencentral', 1],
    ['ap-northeast-9', 'ap-northeast-1', 1],
    ['eastus', 'eastus2', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['same', 'same', 0],
  ])('%s -> %s: %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});
