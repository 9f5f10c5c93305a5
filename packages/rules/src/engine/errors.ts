import type { ErrorCode } from '../contract.ts';

/** An error raised inside the engine with a contract error code; turned into `{code, message, path}` at output. */
export class EngineError extends Error {
  readonly code: ErrorCode;
  readonly path: string;
  constructor(code: ErrorCode, message: string, path = '/date') {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.path = path;
  }
}

/** Thrown at module load when a parameters.yaml breaks the format (fail fast: no benefit runs on bad data). */
export class ParameterFileError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ParameterFileError';
  }
}
