import { skipTokenCreationStackTraces } from '../../stacks/synth-performance';

describe('skipTokenCreationStackTraces', () => {
  const original = Error.captureStackTrace;
  afterEach(() => {
    Error.captureStackTrace = original;
  });

  test('skips traces on plain objects and keeps them on errors', () => {
    skipTokenCreationStackTraces({});
    const plain = { stack: 'untouched' };
    Error.captureStackTrace(plain);
    expect(plain.stack).toBe('');
    const error = new Error('real');
    Error.captureStackTrace(error);
    expect(error.stack).toMatch(/^Error: real\n\s+at /);
  });

  test('CDKTF_TOKEN_STACK_TRACES=1 keeps every trace', () => {
    skipTokenCreationStackTraces({ CDKTF_TOKEN_STACK_TRACES: '1' });
    const plain = { stack: '' };
    Error.captureStackTrace(plain);
    expect(plain.stack).toMatch(/\n\s+at /);
  });
});
