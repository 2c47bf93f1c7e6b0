import {
  WARNING_DAYS,
  aksSupportFindings,
  eksSupportFindings,
  kubernetesSupportFindings,
  supportedOnBoth,
} from '../../../constructs/cloud-neutral/kubernetes-support';

describe('Kubernetes support calendars', () => {
  test('on EKS standard support, a version past its end is an error that says AWS upgrades it and what to do', () => {
    const { errors } = eksSupportFindings('1.33', '2026-12-07', 'standard');
    expect(errors).toEqual([
      expect.stringMatching(
        /^EKS standard support for 1\.33 ended on 2026-07-29 \(.*\)\. AWS upgrades clusters on 1\.33 by itself since then, and a plan pinned to 1\.33 would try to downgrade them and fail\. Or set kubernetes\.eksSupport to "extended" to keep 1\.33 until 2027-07-29/,
      ),
    ]);
    expect(errors[0]).toContain('versions supported on both clouds today: 1.35, 1.36');
  });

  test('extended support keeps the version until its extended end', () => {
    expect(eksSupportFindings('1.33', '2026-12-07', 'extended')).toEqual({ errors: [], warnings: [] });
    expect(eksSupportFindings('1.33', '2027-08-01', 'extended').errors).toHaveLength(1);
  });

  test(`a version within ${WARNING_DAYS} days of its end is a warning, not an error`, () => {
    expect(eksSupportFindings('1.35', '2027-01-15', 'standard')).toEqual({
      errors: [],
      warnings: [expect.stringMatching(/^EKS standard support for 1\.35 ends on 2027-03-27, in 71 days/)],
    });
  });

  test('AKS: past end of life is an error; a version not yet generally available is too', () => {
    expect(aksSupportFindings('1.34', '2026-12-07').errors).toEqual([
      expect.stringMatching(/^AKS support for 1\.34 ended on 2026-11-30 .*Long Term Support on the Premium tier/),
    ]);
    expect(aksSupportFindings('1.36', '2026-05-01').errors).toEqual([
      expect.stringMatching(/^AKS makes 1\.36 generally available on 2026-06-19/),
    ]);
    expect(aksSupportFindings('1.37', '2026-12-07')).toEqual({
      errors: [],
      warnings: [expect.stringContaining('projected for 2026-10')],
    });
  });

  test('a version newer than the calendars is a warning; an older one an error', () => {
    expect(kubernetesSupportFindings('1.45', '2026-12-07', 'standard')).toEqual({
      errors: [],
      warnings: [expect.stringMatching(/^EKS 1\.45 is newer/), expect.stringMatching(/^AKS 1\.45 is newer/)],
    });
    expect(kubernetesSupportFindings('1.20', '2026-12-07', 'standard').errors).toHaveLength(2);
  });

  test('the versions both clouds support on a day', () => {
    expect(supportedOnBoth('2026-12-07')).toEqual(['1.35', '1.36']);
    expect(supportedOnBoth('2026-06-01')).toEqual(['1.33', '1.34', '1.35']);
  });
});
