import { poolGpusPerNode, poolLandsIn, poolZoneIndexes } from '../../../constructs/cloud-neutral/gpu-pool';

describe('GPU pool placement (shared by the config checks and the specs)', () => {
  test('a pool without regions lands in every region; with regions, only there', () => {
    expect(poolLandsIn({}, 'us-east-1')).toBe(true);
    expect(poolLandsIn({ regions: ['eastus2'] }, 'eastus2')).toBe(true);
    expect(poolLandsIn({ regions: ['eastus2'] }, 'us-east-1')).toBe(false);
  });

  test('named zones win; else the first zone for a fabric or rack-scale pool; else every zone', () => {
    expect(poolZoneIndexes({ gpuModel: 'a10', zones: [1, 3] })).toEqual([1, 3]);
    expect(poolZoneIndexes({ gpuModel: 'h100', fabric: true, zones: [2] })).toEqual([2]);
    expect(poolZoneIndexes({ gpuModel: 'h100', fabric: true })).toEqual([1]);
    expect(poolZoneIndexes({ gpuModel: 'gb200' })).toEqual([1]);
    expect(poolZoneIndexes({ gpuModel: 'a10' })).toBe('all');
    // An unknown model is refused elsewhere; placement does not guess it is rack-scale.
    expect(poolZoneIndexes({ gpuModel: 'not-a-gpu' })).toBe('all');
  });

  test("GPUs per node: as named, else the model's default", () => {
    expect(poolGpusPerNode('a10', 4)).toBe(4);
    expect(poolGpusPerNode('h100', undefined)).toBe(8);
  });
});
