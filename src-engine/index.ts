/** The engine's public API: the only import path for client/, server/ and the CLI. */
export * from './protocol';
