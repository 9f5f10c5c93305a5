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
export { activeKeys, configureKeys } from './keys.ts';
