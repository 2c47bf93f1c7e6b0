import { PLAN_WAVE_JOBS, stackWaves, waveOutputs } from '../../../tools/ci/stack-waves';

describe('stack waves', () => {
  test('a stack comes after every stack it depends on', () => {
    const waves = stackWaves({
      stacks: {
        link: { dependencies: ['dist', 'host', 'account'] },
        dist: { dependencies: ['account'] },
        account: { dependencies: ['host'] },
        host: {},
        other: { dependencies: [] },
      },
    });
    expect(waves).toEqual([['host', 'other'], ['account'], ['dist'], ['link']]);
  });

  test('a cycle or an unknown dependency is an error, not a silent plan', () => {
    expect(() => stackWaves({ stacks: { a: { dependencies: ['b'] }, b: { dependencies: ['a'] } } })).toThrow(
      'stacks depend on each other in a cycle: a, b',
    );
    expect(() => stackWaves({ stacks: { a: { dependencies: ['ghost'] } } })).toThrow(
      'stack a depends on ghost, which the manifest lacks',
    );
  });

  test('outputs name every wave job, empty past the last wave, and refuse more waves than jobs', () => {
    expect(waveOutputs([['a'], ['b']]).split('\n')).toEqual(['wave-0=["a"]', 'wave-1=["b"]', 'wave-2=[]', 'wave-3=[]']);
    const tooMany = Array.from({ length: PLAN_WAVE_JOBS + 1 }, (_, i) => [`s${i}`]);
    expect(() => waveOutputs(tooMany)).toThrow(`the stacks need ${PLAN_WAVE_JOBS + 1} dependency waves`);
  });
});
