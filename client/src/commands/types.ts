import type { Ctx } from '../ctx';

/** A command is built from the context once, then called with VS Code's arguments. */
export type CommandFactory = (ctx: Ctx) => (...args: unknown[]) => unknown;
