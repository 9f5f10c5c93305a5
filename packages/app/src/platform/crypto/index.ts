export {
  CryptoError,
  decrypt,
  derivedKeySpec,
  encrypt,
  envelopeKeyId,
  type Keyring,
  keyFingerprint,
  newKeySpec,
  parseKeyring,
  type Sealed,
} from './envelope.ts';
