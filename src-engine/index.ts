/** The engine's public API: the only import path for client/, server/ and the CLI. */
export * from './protocol';
export * from './model/diagnostic';
export * from './parse/lineIndex';
export * from './parse/split';
export * from './parse/fieldPath';
export * from './parse/manifests';
export * from './schedule';
export * from './controllers';
export * from './sim';
export * from './render';
export * from './schema/types';
export * from './schema/facts';
export * from './schema/query';
export { SCHEMA_KUBERNETES_VERSION, SCHEMA_SOURCE } from './generated/schema';
export * from './validate/lint';
export * from './validate/rule';
export { RULES } from './validate/rules';
export * from './validate/indexIntervals';
