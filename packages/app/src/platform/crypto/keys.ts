import { type Keyring, parseKeyring } from './envelope.ts';

// The master keys of this process (PONTE_ENCRYPTION_KEYS), set once at start by whoever starts Ponte (buildApp,
// the server, the CLI). Code that seals or opens a secret asks for them here instead of reading the environment.

let current: Keyring | undefined;

export function configureKeys(spec: string | Keyring): Keyring {
  current = typeof spec === 'string' ? parseKeyring(spec) : spec;
  return current;
}

export function activeKeys(): Keyring {
  if (!current)
    throw new Error('encryption keys not configured: call configureKeys(config.encryptionKeys) first');
  return current;
}
