/**
 * The library a serving image or a publisher calls: sign a model version directory, verify one
 * against a trust set, and the pieces they are made of.
 */
export { signRelease, type SignOptions, type SignedRelease } from './sign';
export { verifyRelease, type Verification, type VerifiedRelease, type VerifyOptions } from './verify';
export { readTrustSet, trustPublicKeys, type TrustSet, type TrustedKey, TrustSetError } from './trust';
export { pemSigner, type ReleaseSigner } from './signer';
export { keyVaultSigner, parseKeyVaultKeyId, type KeyVaultSignerOptions } from './key-vault-signer';
export { keyVaultToken, type TokenSources } from './azure-token';
export { keyHint, spkiPem } from './key-hint';
export { verificationLogLine, VERIFICATION_EVENT } from './log-line';
export { LINEAGE_KEY, type ReleaseLineage } from './lineage';
export { PREDICATE_TYPE, SIGNATURE_FILE, releaseDigest } from './statement';
